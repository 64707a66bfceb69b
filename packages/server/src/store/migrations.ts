/**
 * The schema, made by migrations run on every start. One list for both dialects; only the row-sequence
 * column and the bytes type differ. `0001_initial` is the schema as first released: change it from here on
 * only by adding migrations after it.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';
import { loginTables } from './login-migration.ts';
import { postsTables } from './posts-migration.ts';
import { optinTables } from './optins-migration.ts';
import { catalogTables } from './catalog-migration.ts';
import { messengerProfileTables } from './profile-migration.ts';
import { conversationRoutingTables, personaTables } from './routing-migration.ts';

export type { SqlDialectName } from './row-sequence.ts';

/** Apps, business accounts, the people who write to them, and the tokens that join an app to an account. */
async function worldTables(db: Kysely<unknown>) {
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
    // An Instagram account's owner can turn off connected tools' access to its messages.
    .addColumn('messages_access_off_at', 'bigint')
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
    // A person can block a business account: kept on the scoped id that pairs them.
    .addColumn('blocked_at', 'bigint')
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

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** Conversations, their messages and reactions: what the Graph API reads on almost every request. */
async function messagingTables(db: Kysely<unknown>, dialect: SqlDialectName) {
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

  // A message's id carries its row (graph/message-ids.ts): the row is what makes a message unique, and no
  // index over the long ids is kept (a B-tree page written by almost every message inserted).
  await withSeq(db.schema.createTable('messages'), dialect)
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('conversation_seq', 'bigint', (c) => c.notNull())
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
  // Lists are read by the conversation's row number and their ids made from the rows, so the index holds a
  // few numbers per message (about 25 bytes an entry instead of 364 with the long ids). Only live messages
  // are indexed; deleted_at (always null here) lets SQLite answer `deleted_at is null` from the index alone.
  await db.schema
    .createIndex('messages_of_conversation')
    .on('messages')
    .columns(['conversation_seq', 'created_at', 'seq', 'deleted_at'])
    .where(sql.ref('deleted_at'), 'is', null)
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
}

/** Stored media (CDN copies and reusable uploads), posts, and comments. */
async function mediaTables(db: Kysely<unknown>, dialect: SqlDialectName) {
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
}

/**
 * Webhooks: app subscriptions, apps installed on accounts, and the outbox. An event is stored once; each app
 * it goes to has a delivery row in a stream (the app's deliveries for one conversation, sent in order), and
 * one row per stream marks how far it was sent, so a delivered row is never written again.
 */
async function webhookTables(db: Kysely<unknown>, dialect: SqlDialectName) {
  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('verify_token', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('faults', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_subscriptions_pk', ['app_id', 'object'])
    .execute();

  await db.schema
    .createTable('account_subscriptions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('failing_since', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .addPrimaryKeyConstraint('account_subscriptions_pk', ['account_id', 'app_id'])
    .execute();

  await withSeq(db.schema.createTable('webhook_events'), dialect)
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('event_time', 'bigint', (c) => c.notNull())
    .execute();

  // Small rows: a delivery's state changes on every attempt, its payload never.
  await withSeq(db.schema.createTable('webhook_deliveries'), dialect)
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('installed_on', 'text', (c) => c.notNull())
    .addColumn('order_key', 'bigint', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempt_log', 'text')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A stream's rows are read from the index alone: it carries every column a claim reads of them (a stream's
  // rows lie scattered over the table, as conversations write in turns; looking each up cost a third of the
  // read). It serves an app's deliveries too.
  await db.schema
    .createIndex('webhook_deliveries_stream_reads')
    .on('webhook_deliveries')
    .columns([
      'app_id',
      'order_key',
      'seq',
      'status',
      'object',
      'installed_on',
      'channel',
      'event_seq',
      'created_at',
    ])
    .execute();

  await db.schema
    .createTable('webhook_streams')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('order_key', 'bigint', (c) => c.notNull())
    .addColumn('queued_through', 'bigint', (c) => c.notNull())
    .addColumn('sent_through', 'bigint', (c) => c.notNull())
    .addColumn('retry_through', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('replays', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('webhook_streams_pk', ['app_id', 'order_key'])
    .execute();
  // What workers claim from: only streams with something to send are indexed.
  await db.schema
    .createIndex('webhook_streams_due')
    .on('webhook_streams')
    .column('next_attempt_at')
    .where(sql<boolean>`queued_through > sent_through or replays > 0`)
    .execute();

  await withSeq(db.schema.createTable('webhook_attempts'), dialect)
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'bigint', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('latency_ms', 'real', (c) => c.notNull())
    .addColumn('response_snippet', 'text')
    .addColumn('fault', 'text')
    .execute();
  // Which rows of which stream each POST carried.
  await db.schema
    .createTable('webhook_attempt_ranges')
    .addColumn('attempt_seq', 'bigint', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('order_key', 'bigint', (c) => c.notNull())
    .addColumn('first_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_attempt_ranges_by_stream')
    .on('webhook_attempt_ranges')
    .columns(['app_id', 'order_key', 'last_seq'])
    .execute();
}

/** SQLite's migrations run outside a transaction: a migration this wraps makes its own, so it lands whole. */
function allOrNothing(migrate: (db: Kysely<unknown>) => Promise<void>): Migration {
  return {
    up: (db: Kysely<unknown>) => (db.isTransaction ? migrate(db) : db.transaction().execute(migrate)),
  };
}

function initial(dialect: SqlDialectName): Migration {
  return allOrNothing(async (db) => {
    await worldTables(db);
    await messagingTables(db, dialect);
    await mediaTables(db, dialect);
    await webhookTables(db, dialect);
  });
}

export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_login': allOrNothing((db) => loginTables(db, dialect)),
        '0003_comments': allOrNothing((db) => postsTables(db, dialect)),
        '0004_marketing_optins': allOrNothing(optinTables),
        '0005_catalog': allOrNothing(catalogTables),
        '0006_messenger_profile': allOrNothing(messengerProfileTables),
        '0007_conversation_routing': allOrNothing(conversationRoutingTables),
        '0008_personas': allOrNothing((db) => personaTables(db, dialect)),
      };
    },
  };
}
