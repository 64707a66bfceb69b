/** What the two dialects' schemas differ in: the row-sequence column. */
import type { CreateTableBuilder } from 'kysely';

export type SqlDialectName = 'sqlite' | 'postgres';

/** An ever-increasing row number: tie-breaker for ordering by time, and the paging key with it. */
export function withSeq<T extends string>(table: CreateTableBuilder<T, never>, dialect: SqlDialectName) {
  return dialect === 'sqlite'
    ? table.addColumn('seq', 'integer', (c) => c.primaryKey())
    : table.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}
