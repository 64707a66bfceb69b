/** Opens the embedded SQLite database (better-sqlite3, WAL) behind Kysely. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { Database } from '../schema.ts';

/**
 * A function building one row object from a raw row. better-sqlite3 builds row objects through V8's API, one
 * property at a time; fetching arrays and building the objects in JavaScript, with one fixed shape per
 * statement, took a quarter less time for a page of 25 messages. Where two columns share a name the last
 * one wins, as in better-sqlite3's own objects.
 */
function rowBuilder(columns: readonly { name: string }[]): (raw: unknown[]) => Record<string, unknown> {
  const names = columns.map((c) => c.name);
  const properties = [...new Set(names)].map((n) => `${JSON.stringify(n)}: raw[${names.lastIndexOf(n)}]`);
  return new Function('raw', `return { ${properties.join(', ')} };`) as (
    raw: unknown[],
  ) => Record<string, unknown>;
}

/** A statement for Kysely: rows fetched as arrays and shaped by `rowBuilder`. */
function statementFor(statement: BetterSqlite3.Statement): SqliteStatement {
  if (!statement.reader) return statement as unknown as SqliteStatement;
  const build = rowBuilder(statement.columns());
  const raw = statement.raw(true);
  return {
    reader: true,
    all(parameters) {
      const rows = raw.all(parameters) as unknown[][];
      for (let i = 0; i < rows.length; i++) (rows as unknown[])[i] = build(rows[i]!);
      return rows;
    },
    run: (parameters) => raw.run(parameters),
    *iterate(parameters) {
      for (const row of raw.iterate(parameters) as IterableIterator<unknown[]>) yield build(row);
    },
  };
}

/** Kysely prepares a statement per query; caching them by SQL text saves that work on every request. */
function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= 1000) cache.clear();
        statement = statementFor(db.prepare(sql));
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * SQLite plans a query with its LIMIT's bound value in view, so binding that parameter expires the statement,
 * and the next run prepares it again: a stream read cost 34 µs instead of 8. Inside an expression, the
 * parameter is not one the plan depends on, and the statement stays prepared. Literal limits (`sql.lit`)
 * are left as they are: SQLite plans with them.
 */
class ParameterLimitCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    this.append('limit ');
    this.boundAsExpression(node.limit);
  }

  protected override visitOffset(node: OffsetNode): void {
    this.append('offset ');
    this.boundAsExpression(node.offset);
  }

  private boundAsExpression(value: OperationNode): void {
    const bound = ValueNode.is(value) && !value.immediate;
    if (bound) this.append('cast(');
    this.visitNode(value);
    if (bound) this.append(' as integer)');
  }
}

class ParleySqliteDialect extends SqliteDialect {
  override createQueryCompiler() {
    return new ParameterLimitCompiler();
  }
}

/**
 * How SQLite waits for the disk (its `synchronous` setting). In WAL mode `off` survives a crash or kill of
 * Parley (every commit is in the operating system's hands) but not of the machine; `normal` also survives
 * power loss, at the price of `fsync`s that stall the one thread at every checkpoint; `full` syncs every commit.
 */
export type SqliteSync = 'off' | 'normal' | 'full';
export const SQLITE_SYNC_MODES: readonly SqliteSync[] = ['off', 'normal', 'full'];

export function connectSqlite(file: string, sync: SqliteSync = 'off'): Kysely<Database> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  // One Parley process owns its SQLite file (several processes share PostgreSQL instead). Holding the lock
  // spares every statement the shared-memory locking WAL readers otherwise do, a few syscalls each. It must
  // be set before WAL is entered, or SQLite has already set up the shared-memory index.
  db.pragma('locking_mode = EXCLUSIVE');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma('busy_timeout = 5000');
  // Reads come from memory, not read() calls: the file is mapped into memory, and the page cache holds the
  // pages written lately (which may be in the WAL, where the map does not reach). It is kept small: every
  // commit walks the cache's hash table to drop pages past the end of the file, and with 256 MB cached that
  // walk was 4–7% of the webhook drain and a send cost 25–35% more CPU (docs/performance.md).
  db.pragma('cache_size = -16384');
  db.pragma('mmap_size = 4294967296');
  db.pragma('temp_store = MEMORY');
  // A checkpoint holds up the event loop while it copies the WAL's pages into the file. Without fsyncs that is
  // short, and SQLite's default WAL (1,000 pages) lets a page written again and again be copied once. With
  // them, each pause also waits for the disk: a quarter of that WAL makes the pauses shorter, for about the
  // same work per write (docs/performance.md).
  db.pragma(`wal_autocheckpoint = ${sync === 'off' ? 1000 : 250}`);
  return new Kysely<Database>({ dialect: new ParleySqliteDialect({ database: withStatementCache(db) }) });
}
