/**
 * What several Parley processes on one PostgreSQL database tell each other: changes to state each keeps a copy
 * of in memory (the sandbox clock, resolved tokens). A change is announced with NOTIFY in the transaction that
 * made it, so it is heard once it commits, and heard with LISTEN on a connection of the listener's own. The
 * channel is shared by the whole database; each notice names its schema, so Parleys in other schemas ignore it.
 */
import pg from 'pg';
import { parsePostgresUrl, searchPathOptions } from './connect.ts';
import { CHANNEL, SHARED_CHANGES, type SharedChange } from './shared-change.ts';

/** After a lost connection: wait this long before listening again. */
const RECONNECT_MS = 1_000;

export interface ChangeFeed {
  close(): Promise<void>;
}

/**
 * Calls `heard` for each change another process announces in this database's schema. Nothing is heard
 * before the connection listens, or while it is down, so then every kind of copy is reported stale, as if
 * changed.
 */
export async function listenForChanges(
  url: string,
  ownOrigin: string,
  heard: (change: SharedChange) => void,
  onError: (error: unknown) => void,
): Promise<ChangeFeed> {
  const { connectionString, schema } = parsePostgresUrl(url);
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString,
      application_name: schema ? `parley-changes:${schema}` : 'parley-changes',
      ...searchPathOptions(schema),
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
      const ownSchema = rows[0]!.schema;
      next.on('notification', ({ payload }) => {
        const [noticeSchema, change, origin] = (payload ?? '').split(':');
        if (noticeSchema === ownSchema && origin !== ownOrigin && SHARED_CHANGES.includes(change!))
          heard(change as SharedChange);
      });
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await next.end().catch(() => {});
      throw error;
    }
    // Closed while connecting again.
    if (closed) await next.end().catch(() => {});
    else client = next;
  };

  const lost = (which: pg.Client, error?: unknown): void => {
    if (closed || which !== client) return;
    client = undefined;
    if (error) onError(error);
    void which.end().catch(() => {});
    retry = setTimeout(reconnect, RECONNECT_MS);
  };

  /** Whatever was announced before the connection listened went unheard: every copy may be stale. */
  const caughtUp = (): void => {
    heard('clock');
    heard('tokens');
  };

  const reconnect = (): void => {
    connect().then(caughtUp, (error: unknown) => {
      onError(error);
      if (!closed) retry = setTimeout(reconnect, RECONNECT_MS);
    });
  };

  await connect();
  caughtUp();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
