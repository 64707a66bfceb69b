/** Opens the store a `--db` value names (a SQLite file, `:memory:`, or a postgres:// URL) and migrates it. */
import { randomUUID } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { MessageIds } from '../graph/message-ids.ts';
import { KyselyStore } from './kysely-store.ts';
import { DbContext, type MessageRows } from './db-context.ts';
import { migrationProvider, type SqlDialectName } from './migrations.ts';
import { MESSAGE_ROWS_USED_KEY, lastMessageRow } from './tables.ts';
import { QueryCache } from './query-cache.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';
import { connectSqlite, type SqliteSync } from './sqlite/connect.ts';
import { GroupCommit } from './sqlite/group-commit.ts';
import { loadServerSecret } from './server-secret.ts';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

/** A `--db` value as a person may see it (banner, logs, errors): a PostgreSQL URL without its password. */
export function shownDatabase(target: string): string {
  return target.replace(/\/\/([^:@/]*):[^@]*@/, '//$1:***@');
}

/**
 * Kysely's migrator for a database. On PostgreSQL it keeps its own tables in the connection's schema: left to
 * itself it looks for them in every schema, and with another Parley's schema in the same database it would
 * find that one's and never make its own.
 */
async function migratorFor(db: Kysely<Database>, dialect: SqlDialectName): Promise<Migrator> {
  const provider = migrationProvider(dialect);
  if (dialect !== 'postgres') return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]!.schema });
}

/**
 * Migrations the database ran that this Parley does not know (none for a new database). The schema was
 * squashed into one migration before the first release: a database a development version made before then
 * names others, and is not read.
 */
async function unknownMigrations(db: Kysely<Database>, dialect: SqlDialectName): Promise<string[]> {
  const known = new Set(Object.keys(await migrationProvider(dialect).getMigrations()));
  // Kysely keeps its table in the connection's schema on PostgreSQL (see migratorFor).
  const { rows: found } =
    dialect === 'postgres'
      ? await sql<{
          found: unknown;
        }>`select to_regclass(quote_ident(current_schema()) || '.kysely_migration') as found`.execute(db)
      : await sql<{
          found: unknown;
        }>`select name as found from sqlite_master where name = 'kysely_migration'`.execute(db);
  if (found[0]?.found == null) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((row) => row.name).filter((name) => !known.has(name));
}

export interface OpenStoreOptions {
  /** How a SQLite file waits for the disk (PostgreSQL keeps its own settings). */
  readonly sqliteSync?: SqliteSync;
}

export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  const dialect: SqlDialectName = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  const db: Kysely<Database> =
    dialect === 'postgres'
      ? // The PostgreSQL driver loads only for a PostgreSQL database.
        await (await import('./postgres/connect.ts')).connectPostgres(target)
      : connectSqlite(target, options.sqliteSync);
  try {
    if ((await unknownMigrations(db, dialect)).length > 0) {
      throw new Error(
        `The database ${target} was made by a development version of Parley from before its first release. ` +
          'Remove it (or name another with --db) and start again.',
      );
    }
    const { error } = await (await migratorFor(db, dialect)).migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return storeOn(db, dialect);
}

/** The store over a migrated database. */
export async function storeOn(db: Kysely<Database>, dialect: SqlDialectName): Promise<Store> {
  const serverSecret = await loadServerSecret(db);
  const shared = { serverSecret, origin: randomUUID(), committed: { count: 0 } };
  const context = (messageRows: MessageRows) =>
    new DbContext(db, dialect, new QueryCache(), new MessageIds(serverSecret), messageRows);
  if (dialect === 'postgres') return new KyselyStore(context({ kind: 'pool', rows: [] }), shared);
  // The process holds the SQLite database alone (exclusive locking): it hands out message rows itself.
  // Rows emptied by a reset are not handed out again: their ids were.
  const used = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', MESSAGE_ROWS_USED_KEY)
    .executeTakeFirst();
  const last = Math.max(await lastMessageRow(db), Number(used?.value ?? 0));
  return new KyselyStore(context({ kind: 'counter', last }), { ...shared, groupCommit: new GroupCommit(db) });
}
