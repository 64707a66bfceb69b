/** `0003_comments` upgrades a database that already holds posts and comments without losing them. */
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore, newDatabaseTarget } from '../../test/support/stores.ts';
import { migrationProvider } from './migrations.ts';
import { openStore } from './open-store.ts';
import type { Database } from './schema.ts';
import { connectSqlite } from './sqlite/connect.ts';

describeEachStore('0003_comments', (kind) => {
  const db = newDatabaseTarget(kind);
  afterAll(() => db.drop());

  it('keeps the posts and comments a database from before it holds', async () => {
    const before: Kysely<Database> =
      kind === 'sqlite'
        ? connectSqlite(db.target)
        : await (await import('./postgres/connect.ts')).connectPostgres(db.target);
    // On PostgreSQL the migration tables live in the test's own schema, as openStore keeps them.
    const schema =
      kind === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(before)).rows[0]!.schema
        : undefined;
    const migrator = new Migrator({
      db: before,
      provider: migrationProvider(kind),
      ...(schema && { migrationTableSchema: schema }),
    });
    const { error } = await migrator.migrateTo('0002_login');
    expect(error).toBeUndefined();
    await sql`insert into media_posts (id, account_id, media_type, media_url, permalink, caption, created_at)
      values ('17900000000000001', '17841400000000001', 'IMAGE', 'https://x.test/a.jpg', 'https://x.test/p/', null, 1000)`.execute(
      before,
    );
    await sql`insert into comments (id, media_id, account_id, person_id, text, created_at, private_reply_mid)
      values ('17800000000000001', '17900000000000001', '17841400000000001', '51000000001', 'price?', 2000, 'mid.1')`.execute(
      before,
    );
    await before.destroy();

    const store = await openStore(db.target);
    try {
      // The posts already stored are numbered.
      expect(await store.posts.get('17900000000000001')).toMatchObject({
        seq: 1,
        product_type: 'FEED',
        like_count: 0,
        comments_enabled: 1,
        author_person_id: null,
        live_ended_at: null,
      });
      expect(await store.posts.getComment('17800000000000001')).toMatchObject({
        media_id: '17900000000000001',
        person_id: '51000000001',
        text: 'price?',
        parent_id: null,
        hidden: 0,
        deleted_at: null,
        private_reply_mid: 'mid.1',
      });
    } finally {
      await store.close();
    }
  });
});
