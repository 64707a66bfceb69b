/**
 * What every repository works through: the connection (or the transaction it is in), the dialect, compiled
 * query shapes, and the few helpers that let one query serve SQLite and PostgreSQL.
 */
import { sql, type Compilable, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { CursorKey } from '../graph/cursor-codec.ts';
import type { MessageIds } from '../graph/message-ids.ts';
import type { Page, PageRequest } from '../graph/paging.ts';
import type { SqlDialectName } from './migrations.ts';
import type { QueryCache } from './query-cache.ts';
import type { Database } from './schema.ts';

/**
 * Message rows the process hands out. SQLite: counted from the last one (the process holds the database
 * alone). PostgreSQL: taken from the table's sequence a block at a time, and handed out from the block.
 */
export type MessageRows =
  { readonly kind: 'counter'; last: number } | { readonly kind: 'pool'; rows: number[] };

export class DbContext {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
    /** Compiled query shapes, shared by the store and its transactions. */
    readonly queries: QueryCache,
    /** How message ids are made, and read back to their rows. */
    readonly messageIds: MessageIds,
    /** Shared by the store and its transactions. */
    readonly messageRows: MessageRows,
  ) {}

  /** The same context over a transaction. */
  within(trx: Kysely<Database>): DbContext {
    return new DbContext(trx, this.dialect, this.queries, this.messageIds, this.messageRows);
  }

  /**
   * A list of numbers (row numbers, conversation keys), as one parameter: the statement's text stays the
   * same whatever the list's length, so it is prepared once (10,000 placeholders cost more to prepare than
   * to run).
   */
  numberList(numbers: readonly number[]) {
    return this.numbersIn(this.numberListParameter(numbers));
  }

  /** The one parameter a list of numbers is passed as (for a compiled shape, which takes it as an argument). */
  numberListParameter(numbers: readonly number[]): unknown {
    return this.dialect === 'postgres' ? numbers : JSON.stringify(numbers);
  }

  /** The numbers of a list passed as `parameter`, for `in`. */
  numbersIn(parameter: unknown) {
    return this.dialect === 'postgres'
      ? sql<number>`(select unnest(${parameter}::bigint[]))`
      : sql<number>`(select value from json_each(${parameter}))`;
  }

  /** The first row of a compiled query shape (see query-cache.ts). */
  first<R, A extends Record<string, unknown>>(shape: string, args: A, build: (args: A) => Compilable<R>) {
    return this.queries.rows(this.db, shape, args, build).then((rows) => rows[0]);
  }
}

function numberPair(key: CursorKey | undefined): [number, number] | undefined {
  if (!key || key.length !== 2 || typeof key[0] !== 'number' || typeof key[1] !== 'number') return undefined;
  return [key[0], key[1]];
}

/**
 * A page request as a keyset query reads it: which side of the cursor's key (time, row) the page lies on
 * (`kind` names the query shape), the comparison that finds it, and the order to read in.
 */
export function keysetOf(page: PageRequest) {
  const after = numberPair(page.after);
  const before = numberPair(page.before);
  const key = after ?? before;
  return {
    kind: after ? 'after' : before ? 'before' : '',
    /** Absent on a first page. */
    compare: after ? ('<' as const) : before ? ('>' as const) : undefined,
    direction: before ? ('asc' as const) : ('desc' as const),
    time: key?.[0] ?? 0,
    seq: key?.[1] ?? 0,
  };
}

/** Orders the fetched rows newest first and says whether more lie beyond the page. */
export function toPage<T>(rows: T[], page: PageRequest): Page<T> {
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  if (page.before) items.reverse();
  return { items, more };
}

/** Tables read newest first by their time and row number (`created_at`, `seq`), a keyset page at a time. */
type TimeOrderedTable = 'media_posts' | 'personas';

/** One page of a query over a time-ordered table: the keyset applied, `limit + 1` rows read. */
export async function timeOrderedPage<T extends TimeOrderedTable, O>(
  query: SelectQueryBuilder<Database, T, O>,
  page: PageRequest,
): Promise<Page<O>> {
  const { compare, direction, time, seq } = keysetOf(page);
  let q = query;
  if (compare) {
    q = q.where(
      sql<SqlBool>`(${sql.ref('created_at')}, ${sql.ref('seq')}) ${sql.raw(compare)} (${time}, ${seq})`,
    );
  }
  const rows = await q
    .orderBy('created_at', direction)
    .orderBy('seq', direction)
    .limit(sql.lit(page.limit + 1))
    .execute();
  return toPage(rows, page);
}
