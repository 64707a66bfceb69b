/** `0004_marketing_optins`: what people opted in to (optins-schema.ts). */
import type { Kysely } from 'kysely';

export async function optinTables(db: Kysely<unknown>) {
  await db.schema
    .createTable('marketing_optins')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('payload', 'text')
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('refreshed_at', 'bigint')
    .addColumn('stopped_at', 'bigint')
    .addColumn('last_sent_at', 'bigint')
    // Opting in again to a topic refreshes its token rather than making another.
    .addUniqueConstraint('marketing_optins_topic', ['account_id', 'person_id', 'title'])
    .execute();
  await db.schema.createIndex('marketing_optins_person').on('marketing_optins').column('person_id').execute();

  await db.schema
    .createTable('checkbox_optins')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('user_ref', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('replied_at', 'bigint')
    .addPrimaryKeyConstraint('checkbox_optins_pk', ['account_id', 'user_ref'])
    .execute();
  await db.schema
    .createIndex('checkbox_optins_person')
    .on('checkbox_optins')
    .columns(['person_id', 'account_id'])
    .execute();
}
