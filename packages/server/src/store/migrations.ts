/** Schema migrations, run on every start. One list for both dialects; only the row-sequence column differs. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';
import type { Database } from './schema.ts';
import {
  heldDeliveries,
  streamReadsIndex,
  streamRowsIndex,
  webhooks,
  webhookStreams,
} from './webhook-migrations.ts';

export type { SqlDialectName } from './row-sequence.ts';

function initial(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('apps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('access_level', 'text', (c) => c.notNull())
        .addColumn('features', 'text', (c) => c.notNull())
        .addColumn('app_token', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('username', 'text')
        .addColumn('name', 'text')
        .addColumn('app_scoped_id', 'text', (c) => c.unique())
        .addColumn('instagram_account_id', 'text', (c) => c.unique())
        .addColumn('category', 'text')
        .addColumn('profile_picture_url', 'text')
        .addColumn('biography', 'text')
        .addColumn('followers_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('follows_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('media_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('profile_pic', 'text')
        .addColumn('follower_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locale', 'text')
        .addColumn('timezone', 'integer')
        .addColumn('gender', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('follows')
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['person_id', 'account_id'])
        .execute();

      await db.schema
        .createTable('scoped_ids')
        .addColumn('scoped_id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('scoped_ids_account_person', ['account_id', 'person_id'])
        .execute();

      await db.schema
        .createTable('tokens')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await withSeq(db.schema.createTable('conversations'), dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('scoped_id', 'text', (c) => c.notNull())
        .addColumn('folder', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('snippet', 'text')
        .addColumn('last_person_activity_at', 'bigint')
        .addColumn('business_replied_at', 'bigint')
        .addColumn('person_seen_at', 'bigint')
        .addColumn('business_read_at', 'bigint')
        .addUniqueConstraint('conversations_account_person', ['account_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('conversations_by_account')
        .on('conversations')
        .columns(['account_id', 'updated_at', 'seq'])
        .execute();
      await db.schema
        .createIndex('conversations_by_folder')
        .on('conversations')
        .columns(['account_id', 'folder', 'updated_at', 'seq'])
        .execute();

      await withSeq(db.schema.createTable('messages'), dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('from_business', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('attachments', 'text')
        .addColumn('shares', 'text')
        .addColumn('sticker', 'text')
        .addColumn('story', 'text')
        .addColumn('reply_to_mid', 'text')
        .addColumn('context', 'text')
        .addColumn('is_unsupported', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('edit_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('messages_by_conversation')
        .on('messages')
        .columns(['conversation_id', 'created_at', 'seq'])
        .execute();

      await db.schema
        .createTable('reactions')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('reactor', 'text', (c) => c.notNull())
        .addColumn('reaction', 'text', (c) => c.notNull())
        .addColumn('emoji', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('reactions_pk', ['message_id', 'reactor'])
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

/** The Send API's tables: stored media (CDN copies and reusable uploads), posts, and comments. */
function sendApi(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('media_assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('attachment_type', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('bytes', dialect === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
        .addColumn('reusable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .execute();

      await db.schema
        .createTable('media_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('media_url', 'text', (c) => c.notNull())
        .addColumn('permalink', 'text', (c) => c.notNull())
        .addColumn('caption', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('media_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('private_reply_mid', 'text')
        .execute();
    },
  };
}

/**
 * Every read of a conversation's messages skips unsent ones: index only the live messages, so listing ids and
 * counting the newest (the 20-most-recent rule) never has to visit the table.
 */
const liveMessagesIndex: Migration = {
  async up(db: Kysely<unknown>) {
    // Idempotent: SQLite does not run Kysely migrations in a transaction, so a retry must not trip over itself.
    await db.schema.dropIndex('messages_by_conversation').ifExists().execute();
    await db.schema
      .createIndex('messages_live')
      .ifNotExists()
      .on('messages')
      // deleted_at (always null here) lets SQLite answer `deleted_at is null` from the index alone, and id
      // makes it covering for the default listing (ids and times).
      .columns(['conversation_id', 'created_at', 'seq', 'deleted_at', 'id'])
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  },
};

export const LEGACY_MESSAGE_ROWS_KEY = 'legacy_message_rows';

/**
 * Message ids carry their row number (graph/message-ids.ts), so the unique index over the long ids goes, and
 * with it a B-tree page written by almost every message inserted. The ids already stored keep a partial unique
 * index over their rows, whose last row the store reads at open (0, and no index, for none).
 */
/** The highest message row stored, 0 for none. */
export async function lastMessageRow(db: Kysely<Database>): Promise<number> {
  const { last } = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
    .executeTakeFirstOrThrow();
  return Number(last);
}

export const DERIVED_MESSAGE_IDS_KEY = 'message_ids_derived_from';
/** The last message row handed out before a reset (kept by it): SQLite would otherwise count from 1 again. */
export const MESSAGE_ROWS_USED_KEY = 'message_rows_used';

/**
 * A conversation's messages are listed by the conversation's row number, and their ids are made from their
 * rows (graph/message-ids.ts) rather than read: the index a list reads holds a few numbers per message, not the
 * conversation's and the message's long ids (about 25 bytes an entry instead of 364, 25 MB instead of 347 MB
 * for a million messages). Ids stored before they were made from rows alone are read from the table: the
 * first row whose id is made is recorded (none when there were no messages).
 */
function conversationMessageRows(dialect: SqlDialectName): Migration {
  const migrate = async (db: Kysely<Database>) => {
    await db.schema
      .alterTable('messages')
      .addColumn('conversation_seq', dialect === 'sqlite' ? 'integer' : 'bigint', (c) =>
        c.notNull().defaultTo(0),
      )
      .execute();
    await sql`
      update messages set conversation_seq = coalesce(
        (select seq from conversations where conversations.id = messages.conversation_id), 0)
    `.execute(db);
    await db.schema
      .createIndex('messages_of_conversation')
      .on('messages')
      // deleted_at (always null here) lets SQLite answer `deleted_at is null` from the index alone.
      .columns(['conversation_seq', 'created_at', 'seq', 'deleted_at'])
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
    await db.schema.dropIndex('messages_live').execute();
    const last = await lastMessageRow(db);
    if (last > 0)
      await db
        .insertInto('settings')
        .values({ key: DERIVED_MESSAGE_IDS_KEY, value: String(last + 1) })
        .execute();
  };
  return allOrNothing(migrate);
}

/** A person can block a business account: kept on the scoped id that pairs them. */
const personBlocks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('scoped_ids').addColumn('blocked_at', 'bigint').execute();
  },
};

/** An Instagram account's owner can turn off connected tools' access to its messages. */
const accountMessagesAccess: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('accounts').addColumn('messages_access_off_at', 'bigint').execute();
  },
};

function messageRowIds(dialect: SqlDialectName): Migration {
  const migrate = async (db: Kysely<Database>) => {
    const last = await lastMessageRow(db);
    if (dialect === 'postgres') await sql`alter table messages drop constraint messages_id_key`.execute(db);
    else await rebuildWithout(db, 'messages', '"id" text not null unique', '"id" text not null');
    if (last === 0) return;
    await db.schema
      .createIndex('messages_legacy_id')
      .unique()
      .on('messages')
      .column('id')
      .where(sql.ref('seq'), '<=', sql.lit(last))
      .execute();
    await db
      .insertInto('settings')
      .values({ key: LEGACY_MESSAGE_ROWS_KEY, value: String(last) })
      .execute();
  };
  return allOrNothing(migrate);
}

/** SQLite's migrations run outside a transaction: a migration this wraps makes its own. */
function allOrNothing(migrate: (db: Kysely<Database>) => Promise<void>): Migration {
  return {
    up: (db: Kysely<Database>) => (db.isTransaction ? migrate(db) : db.transaction().execute(migrate)),
  };
}

/**
 * SQLite cannot drop a column's inline UNIQUE: the table is copied into one created without it (its own
 * CREATE statement, edited), and its indexes are made again.
 */
async function rebuildWithout(db: Kysely<Database>, table: string, definition: string, replacement: string) {
  const { rows } = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master where tbl_name = ${table} and sql is not null
  `.execute(db);
  const create = rows.find((row) => row.type === 'table')?.sql ?? '';
  if (create.split(definition).length !== 2) throw new Error(`${table}: no single ${definition} to rebuild`);
  const rebuilt = `${table}_rebuilt`;
  await sql.raw(create.replace(definition, replacement).replace(`"${table}"`, `"${rebuilt}"`)).execute(db);
  await sql`insert into ${sql.table(rebuilt)} select * from ${sql.table(table)}`.execute(db);
  await sql`drop table ${sql.table(table)}`.execute(db);
  await sql`alter table ${sql.table(rebuilt)} rename to ${sql.table(table)}`.execute(db);
  for (const index of rows.filter((row) => row.type === 'index')) await sql.raw(index.sql).execute(db);
}

export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_send_api': sendApi(dialect),
        '0003_live_messages_index': liveMessagesIndex,
        '0004_webhooks': webhooks(dialect),
        '0005_held_deliveries': heldDeliveries,
        '0006_message_row_ids': messageRowIds(dialect),
        '0007_webhook_streams': webhookStreams,
        '0008_person_blocks': personBlocks,
        '0009_account_messages_access': accountMessagesAccess,
        '0010_stream_rows_index': streamRowsIndex,
        '0011_stream_reads_index': streamReadsIndex,
        '0012_conversation_message_rows': conversationMessageRows(dialect),
      };
    },
  };
}

/** Every table the schema owns, children first: what a reset empties. */
export const TABLES = [
  'webhook_attempt_ranges',
  'webhook_attempts',
  'webhook_streams',
  'webhook_deliveries',
  'webhook_events',
  'account_subscriptions',
  'webhook_subscriptions',
  'comments',
  'media_posts',
  'media_assets',
  'reactions',
  'messages',
  'conversations',
  'tokens',
  'scoped_ids',
  'follows',
  'people',
  'accounts',
  'apps',
  'settings',
] as const;
