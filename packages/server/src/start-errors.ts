/**
 * Why a start failed, in one line that says what to do: the port, the database, the seed. `parley start`
 * prints it instead of a stack trace.
 */
import { GraphError } from '@parley/protocol';
import { isPostgresUrl, shownDatabase } from './store/open-store.ts';

/** A start that cannot go on, with its one-line explanation. */
export class StartError extends Error {}

interface StartPlace {
  readonly host: string;
  readonly port: number;
  readonly db: string;
  readonly seed: string;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

export function explainStartError(error: unknown, at: StartPlace): Error {
  if (error instanceof StartError) return error;
  const code = codeOf(error);
  const message = (error as Error)?.message ?? String(error);
  if (code === 'EADDRINUSE') {
    return new StartError(
      `Port ${at.port} on ${at.host} is already in use (another Parley?): stop what uses it, or pass --port ${at.port + 1}.`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || (code === 'EACCES' && message.includes('listen'))) {
    return new StartError(`Cannot listen on ${at.host}:${at.port} (${code}): pass another --host or --port.`);
  }
  if (isPostgresUrl(at.db)) {
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') {
      return new StartError(
        `Cannot reach PostgreSQL at ${shownDatabase(at.db)} (${code}): start it, or check the host and port in --db.`,
      );
    }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return new StartError(
        `PostgreSQL refused ${shownDatabase(at.db)}: ${message}. Check the user, password and database in --db.`,
      );
    }
  } else if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StartError(
      `The database ${at.db} is in use by another Parley: stop it, or pass another --db.`,
    );
  } else if (
    ['SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'EACCES', 'EROFS', 'EEXIST', 'ENOTDIR'].includes(code ?? '')
  ) {
    return new StartError(
      `Cannot open the SQLite database ${at.db} (${code}): check the path and its permissions in --db.`,
    );
  }
  if (at.seed !== 'demo' && at.seed !== 'none') {
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      return new StartError(
        `Cannot read the seed file ${at.seed} (${code}): check the path given to --seed.`,
      );
    }
    if (error instanceof GraphError) {
      return new StartError(`The seed ${at.seed} cannot be applied: ${error.message}`);
    }
  }
  return error instanceof Error ? error : new Error(message);
}
