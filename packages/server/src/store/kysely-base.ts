/** What every Kysely-backed query module shares: the connection (or transaction) and compiled query shapes. */
import { sql, type Compilable, type Kysely } from 'kysely';
import type { CursorKey } from '../graph/cursor-codec.ts';
import type { MessageIds } from '../graph/message-ids.ts';
import type { Page, PageRequest } from '../graph/paging.ts';
import type { SqlDialectName } from './migrations.ts';
import { QueryCache } from './query-cache.ts';
import type { GroupCommit } from './sqlite/group-commit.ts';
import type { Database } from './schema.ts';

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

/**
 * Message rows the process hands out. SQLite: counted from the last one (the process holds the database
 * alone). PostgreSQL: taken from the table's sequence a block at a time, and handed out from the block.
 */
export type MessageRows =
  { readonly kind: 'counter'; last: number } | { readonly kind: 'pool'; rows: number[] };

export interface StoreParts {
  readonly serverSecret: Buffer;
  /** How message ids are made, and read back to their rows. */
  readonly messageIds: MessageIds;
  /**
   * Messages stored before ids carried their row (rows up to this one, 0 for none) are found by their id,
   * through a partial unique index over those rows.
   */
  readonly legacyMessageRows: number;
  /** The first row whose id a list makes from the row rather than reads (0: every row's). */
  readonly derivedMessageIdsFrom: number;
  readonly messageRows: MessageRows;
  /** This store's name in the changes it announces (postgres/change-feed.ts), so that it ignores its own. */
  readonly origin: string;
  /** Compiled query shapes, shared with the store's transactions. */
  readonly queries?: QueryCache;
  /** SQLite only: transactions share commits (see sqlite/group-commit.ts). */
  readonly groupCommit?: GroupCommit;
  /** Inside a transaction: what runs once it commits. */
  readonly afterCommit?: (() => void)[];
}

export abstract class KyselyBase {
  protected readonly queries: QueryCache;

  constructor(
    protected readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
    protected readonly parts: StoreParts,
  ) {
    this.queries = parts.queries ?? new QueryCache();
  }

  get serverSecret(): Buffer {
    return this.parts.serverSecret;
  }

  get messageIds(): MessageIds {
    return this.parts.messageIds;
  }

  get origin(): string {
    return this.parts.origin;
  }

  /**
   * A list of numbers (row numbers, conversation keys), as one parameter: the statement's text stays the
   * same whatever the list's length, so it is prepared once (10,000 placeholders cost more to prepare than
   * to run).
   */
  protected numberList(numbers: readonly number[]) {
    return this.numbersIn(this.numberListParameter(numbers));
  }

  /** The one parameter a list of numbers is passed as (for a compiled shape, which takes it as an argument). */
  protected numberListParameter(numbers: readonly number[]): unknown {
    return this.dialect === 'postgres' ? numbers : JSON.stringify(numbers);
  }

  /** The numbers of a list passed as `parameter`, for `in`. */
  protected numbersIn(parameter: unknown) {
    return this.dialect === 'postgres'
      ? sql<number>`(select unnest(${parameter}::bigint[]))`
      : sql<number>`(select value from json_each(${parameter}))`;
  }

  protected first<R, A extends Record<string, unknown>>(
    shape: string,
    args: A,
    build: (args: A) => Compilable<R>,
  ) {
    return this.queries.rows(this.db, shape, args, build).then((rows) => rows[0]);
  }
}
