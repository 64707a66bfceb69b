import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSqlite, type SqliteSync } from './connect.ts';

describe('SQLite rows built from arrays', () => {
  const db = connectSqlite(':memory:');
  afterAll(() => db.destroy());

  it('names every column as better-sqlite3 would, the last of two equal names winning', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select 1 as a, 'x"y' as "quote""d", null as "with space", 2 as a, x'00ff' as "b\\c"`.execute(db);
    expect(rows).toEqual([{ a: 2, 'quote"d': 'x"y', 'with space': null, 'b\\c': Buffer.from([0, 255]) }]);
  });

  it('returns rows of writes that return them, and changes of those that do not', async () => {
    await sql`create table t (id integer primary key, v text)`.execute(db);
    const inserted = await sql<{
      id: number;
      v: string;
    }>`insert into t (v) values ('one'), ('two') returning id, v`.execute(db);
    expect(inserted.rows).toEqual([
      { id: 1, v: 'one' },
      { id: 2, v: 'two' },
    ]);
    const updated = await sql`update t set v = 'three' where id = 2`.execute(db);
    expect(updated.numAffectedRows).toBe(1n);
    const streamed = [];
    for await (const row of db
      .selectFrom('t' as never)
      .selectAll()
      .stream())
      streamed.push(row);
    expect(streamed).toEqual([
      { id: 1, v: 'one' },
      { id: 2, v: 'three' },
    ]);
  });
});

describe('SQLite limits', () => {
  const db = connectSqlite(':memory:');
  afterAll(() => db.destroy());

  it('binds LIMIT and OFFSET inside an expression, so binding them does not expire the statement', async () => {
    await sql`create table n (v integer primary key)`.execute(db);
    await sql`insert into n (v) values (1), (2), (3), (4)`.execute(db);
    const query = db
      .selectFrom('n' as never)
      .select('v' as never)
      .orderBy('v' as never)
      .limit(2)
      .offset(1);
    expect(query.compile().sql).toMatch(/limit cast\(\? as integer\) offset cast\(\? as integer\)$/);
    expect(await query.execute()).toEqual([{ v: 2 }, { v: 3 }]);
  });

  it('leaves a literal LIMIT as written, for the planner to use', () => {
    const query = db
      .selectFrom('n' as never)
      .select('v' as never)
      .limit(sql.lit(3));
    expect(query.compile().sql).toMatch(/limit 3$/);
  });
});

describe('SQLite sync modes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands commits to the OS by default, and waits for the disk when asked', async () => {
    const setting = async (sync?: SqliteSync) => {
      const db = connectSqlite(join(dir, `${sync ?? 'default'}.db`), sync);
      try {
        const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
        const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
        return [rows[0]!.synchronous, mode[0]!.journal_mode];
      } finally {
        await db.destroy();
      }
    };
    expect(await setting()).toEqual([0, 'wal']);
    expect(await setting('normal')).toEqual([1, 'wal']);
    expect(await setting('full')).toEqual([2, 'wal']);
  });
});
