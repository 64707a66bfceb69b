/** The webhook outbox's migrations: subscriptions, installs, events, deliveries and attempts (see migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';

/**
 * Webhooks: app subscriptions, apps installed on accounts, and the outbox of deliveries with their attempts.
 * Idempotent, as SQLite runs migrations outside a transaction: a retry must not trip over itself.
 */
export function webhooks(dialect: SqlDialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('webhook_subscriptions')
        .ifNotExists()
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
        .ifNotExists()
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('failing_since', 'bigint')
        .addColumn('disabled_at', 'bigint')
        .addPrimaryKeyConstraint('account_subscriptions_pk', ['account_id', 'app_id'])
        .execute();

      await withSeq(db.schema.createTable('webhook_events').ifNotExists(), dialect)
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('event_time', 'bigint', (c) => c.notNull())
        .execute();

      // Small rows: a delivery's state changes on every attempt, its payload never.
      await withSeq(db.schema.createTable('webhook_deliveries').ifNotExists(), dialect)
        .addColumn('event_seq', 'bigint', (c) => c.notNull())
        .addColumn('app_id', 'text', (c) => c.notNull())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('installed_on', 'text', (c) => c.notNull())
        .addColumn('order_key', 'bigint', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attempt_log', 'text')
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // What workers claim from: only pending deliveries are indexed, so delivered history costs nothing.
      await db.schema
        .createIndex('webhook_deliveries_pending')
        .ifNotExists()
        .on('webhook_deliveries')
        .columns(['seq'])
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      // An earlier pending delivery of the same conversation, waiting to be retried or in flight, holds the
      // later ones back: these find such a delivery among the few waiting or leased, not among all pending.
      await db.schema
        .createIndex('webhook_deliveries_waiting')
        .ifNotExists()
        .on('webhook_deliveries')
        .columns(['app_id', 'order_key', 'next_attempt_at'])
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_leased')
        .ifNotExists()
        .on('webhook_deliveries')
        .columns(['app_id', 'order_key', 'lease_until'])
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_by_app')
        .ifNotExists()
        .on('webhook_deliveries')
        .columns(['app_id', 'seq'])
        .execute();

      await withSeq(db.schema.createTable('webhook_attempts').ifNotExists(), dialect)
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
    },
  };
}

/**
 * Deliveries held back behind a conversation's refused event leave the index claims scan, so a failing
 * endpoint's backlog costs nothing until its head is delivered (or given up). Idempotent, as above.
 */
export const heldDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    const tables = await db.introspection.getTables();
    const deliveries = tables.find((t) => t.name === 'webhook_deliveries');
    if (!deliveries?.columns.some((c) => c.name === 'held')) {
      await db.schema
        .alterTable('webhook_deliveries')
        .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    await db.schema.dropIndex('webhook_deliveries_pending').ifExists().execute();
    await db.schema
      .createIndex('webhook_deliveries_due')
      .ifNotExists()
      .on('webhook_deliveries')
      .columns(['seq'])
      .where(sql<boolean>`status = 'pending' and held = 0`)
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_held')
      .ifNotExists()
      .on('webhook_deliveries')
      .columns(['app_id', 'order_key', 'seq'])
      .where(sql<boolean>`status = 'pending' and held = 1`)
      .execute();
  },
};

/**
 * Deliveries go out by stream: one row per app and conversation marks how far its deliveries were sent, so a
 * delivered row is never written again. Streams are made for the deliveries stored before, and the
 * per-delivery schedule, lease and hold go. All in one transaction (SQLite's migrations run outside one).
 */
export const webhookStreams: Migration = {
  up: (db: Kysely<unknown>) =>
    db.isTransaction ? migrateToStreams(db) : db.transaction().execute(migrateToStreams),
};

async function migrateToStreams(db: Kysely<unknown>) {
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
  await db.schema
    .createIndex('webhook_deliveries_by_stream')
    .on('webhook_deliveries')
    .columns(['app_id', 'order_key', 'seq'])
    .execute();

  // A stream per app and conversation delivered to before: sent up to its first pending row, its refused
  // rows (those attempted) waiting for their retry, due when they are (held rows wait behind them).
  await sql`
    insert into webhook_streams
      (app_id, order_key, queued_through, sent_through, retry_through, attempts, next_attempt_at)
    select app_id, order_key, max(seq),
      coalesce(min(case when status = 'pending' then seq end) - 1, max(seq)),
      max(case when status = 'pending' and attempts > 0 then seq end),
      coalesce(max(case when status = 'pending' then attempts end), 0),
      coalesce(
        min(case when status = 'pending' and held = 0 then next_attempt_at end),
        min(case when status = 'pending' then next_attempt_at end),
        0
      )
    from webhook_deliveries
    group by app_id, order_key
  `.execute(db);
  await sql`
    update webhook_streams set last_error = (
      select d.last_error from webhook_deliveries d
      where d.app_id = webhook_streams.app_id and d.order_key = webhook_streams.order_key
        and d.seq = webhook_streams.retry_through
    )
    where retry_through is not null
  `.execute(db);

  // by_app would draw SQLite away from by_stream when reading a stream's rows; by_stream serves an app's too.
  for (const index of ['due', 'waiting', 'leased', 'held', 'by_app']) {
    await db.schema.dropIndex(`webhook_deliveries_${index}`).ifExists().execute();
  }
  for (const column of ['next_attempt_at', 'lease_until', 'held']) {
    await db.schema.alterTable('webhook_deliveries').dropColumn(column).execute();
  }
}

/**
 * A stream's rows are read from the index alone: it carries every column a claim reads of them. A stream's
 * rows lie scattered over the table (conversations write in turns); looking each up there cost a third of
 * the read.
 */
export const streamRowsIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('webhook_deliveries_stream_rows')
      .ifNotExists()
      .on('webhook_deliveries')
      .columns(['app_id', 'order_key', 'seq', 'status', 'object', 'installed_on', 'event_seq'])
      .execute();
    await db.schema.dropIndex('webhook_deliveries_by_stream').ifExists().execute();
  },
};

/**
 * The stream index carries the rows' times too: a claim reads the rows from it alone, and their events only
 * where the worker has not cached them.
 */
export const streamReadsIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('webhook_deliveries_stream_reads')
      .ifNotExists()
      .on('webhook_deliveries')
      .columns(['app_id', 'order_key', 'seq', 'status', 'object', 'installed_on', 'event_seq', 'created_at'])
      .execute();
    await db.schema.dropIndex('webhook_deliveries_stream_rows').ifExists().execute();
  },
};
