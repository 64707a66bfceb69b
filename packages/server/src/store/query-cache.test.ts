import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkQueryShapes, QueryCache } from './query-cache.ts';

describe('query cache', () => {
  const db = new Kysely<{ t: { a: number; b: number } }>({
    dialect: new SqliteDialect({ database: new Database(':memory:') }),
  });
  afterAll(() => db.destroy());

  it('runs a shape again with new arguments', async () => {
    await db.schema.createTable('t').addColumn('a', 'integer').addColumn('b', 'integer').execute();
    await db
      .insertInto('t')
      .values([
        { a: 1, b: 10 },
        { a: 2, b: 20 },
      ])
      .execute();
    const cache = new QueryCache();
    const byA = (a: number) =>
      cache.rows(db, 'byA', { a }, (x) => db.selectFrom('t').select('b').where('a', '=', x.a));
    expect(await byA(1)).toEqual([{ b: 10 }]);
    expect(await byA(2)).toEqual([{ b: 20 }]);
  });

  it('refuses a key that stands for two statements, when checking', async () => {
    const cache = new QueryCache();
    const select = (column: 'a' | 'b') =>
      cache.rows(db, 'careless key', { v: 1 }, (x) => db.selectFrom('t').select(column).where('a', '=', x.v));
    checkQueryShapes(true);
    await select('a');
    await expect(select('b')).rejects.toThrow('Query shape "careless key" stands for two statements');
  });
});
