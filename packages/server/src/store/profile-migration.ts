/**
 * `0006_messenger_profile`: the Messenger Profile API's properties (profile-schema.ts), one row per account and
 * property, so that setting one property never rewrites another; and apps' welcome message flows.
 */
import type { Kysely } from 'kysely';

export async function messengerProfileTables(db: Kysely<unknown>) {
  await db.schema
    .createTable('messenger_profile_properties')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('property', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('messenger_profile_properties_pk', ['account_id', 'property'])
    .execute();

  await db.schema
    .createTable('welcome_message_flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('eligible_platforms', 'text', (c) => c.notNull())
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('welcome_message_flows_by_app')
    .on('welcome_message_flows')
    .columns(['account_id', 'app_id', 'created_at'])
    .execute();
}
