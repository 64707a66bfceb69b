import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { connectSqlite } from './sqlite/connect.ts';

describe('opening a database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-open-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses, with what to do, a database that ran migrations this Parley does not know', async () => {
    const file = join(dir, 'old.db');
    await (await openStore(file)).close();
    // What a development version from before the schema was squashed left behind.
    const db = connectSqlite(file);
    await sql`insert into kysely_migration (name, timestamp) values ('0002_send_api', '2026-01-01')`.execute(
      db,
    );
    await db.destroy();
    await expect(openStore(file)).rejects.toThrow(
      `The database ${file} was made by a development version of Parley from before its first release`,
    );
  });

  it('opens a database it made again', async () => {
    const file = join(dir, 'again.db');
    await (await openStore(file)).close();
    const store = await openStore(file);
    await store.close();
  });
});
