/** Opens a PostgreSQL database (pg) behind Kysely. `?schema=name` in the URL selects (and creates) a schema. */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '../schema.ts';

const INT8_OID = 20;

/** bigint columns hold epoch milliseconds and row numbers: well inside JavaScript's safe integers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresTarget {
  connectionString: string;
  schema?: string;
}

export function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`Invalid schema name in database URL: ${schema}`);
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** Connection options that make a schema (when the URL names one) the connection's own. */
export function searchPathOptions(schema: string | undefined) {
  return schema ? { options: `-c search_path="${schema}"` } : {};
}

export async function connectPostgres(url: string): Promise<Kysely<Database>> {
  const { connectionString, schema } = parsePostgresUrl(url);
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      // Two processes starting together on a new schema would both try to create it, and one would fail on
      // pg_namespace's unique index (IF NOT EXISTS does not cover the race): the lock puts them in turn.
      await setup.query('BEGIN');
      await setup.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`parley:create-schema:${schema}`]);
      await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await setup.query('COMMIT');
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    types,
    application_name: schema ? `parley:${schema}` : 'parley',
    ...searchPathOptions(schema),
  });
  // A connection that dies (a restart, a failover, an administrator's termination) must never end the
  // process. Idle, the pool drops it ('error' on the pool); in use, the query under way fails with it (and is
  // answered as Meta's transient error), but the connection itself also emits 'error', which ends the process
  // unless someone listens. The pool drops it when it is released, and opens new ones as needed.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return db;
}

/** Drops a schema and everything in it (tests use one schema each). */
export async function dropPostgresSchema(url: string): Promise<void> {
  const { connectionString, schema } = parsePostgresUrl(url);
  if (!schema) return;
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
