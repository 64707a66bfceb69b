/**
 * `0003_comments`: what the comments API and its webhooks need (posts-schema.ts). Both tables are rebuilt,
 * keeping what they hold. Posts gain a row number (the tie-breaker, with their time, that `/media` and
 * `/feed` are paged by, as messages and conversations are), their kind, likes, whether comments are on, a
 * person author (media that mentions a business, or a visitor post on a Page), a live broadcast's end, and
 * the private reply sent to a visitor post. Comments gain a row number, replies, hiding, likes, deletion, and
 * business authors (a null `person_id`).
 */
import { sql, type Kysely } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';

export async function postsTables(db: Kysely<unknown>, dialect: SqlDialectName) {
  await withSeq(db.schema.createTable('media_posts_next'), dialect)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text', (c) => c.notNull())
    .addColumn('permalink', 'text', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('product_type', 'text', (c) => c.notNull().defaultTo('FEED'))
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_person_id', 'text')
    .addColumn('live_ended_at', 'bigint')
    .addColumn('private_reply_mid', 'text')
    .execute();
  const columns = sql.raw('id, account_id, media_type, media_url, permalink, caption, created_at');
  await sql`insert into media_posts_next (${columns}) select ${columns} from media_posts
    order by created_at, id`.execute(db);
  await db.schema.dropTable('media_posts').execute();
  await db.schema.alterTable('media_posts_next').renameTo('media_posts').execute();
  await db.schema
    .createIndex('media_posts_account')
    .on('media_posts')
    .columns(['account_id', 'created_at', 'seq'])
    .execute();

  await withSeq(db.schema.createTable('comments_next'), dialect)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('media_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addColumn('private_reply_mid', 'text')
    .execute();
  await sql`insert into comments_next (id, media_id, account_id, person_id, text, created_at, private_reply_mid)
    select id, media_id, account_id, person_id, text, created_at, private_reply_mid from comments
    order by created_at, id`.execute(db);
  await db.schema.dropTable('comments').execute();
  await db.schema.alterTable('comments_next').renameTo('comments').execute();
  await db.schema.createIndex('comments_media').on('comments').columns(['media_id', 'seq']).execute();
  await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id', 'seq']).execute();
}
