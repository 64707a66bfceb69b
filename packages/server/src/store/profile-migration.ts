/**
 * `0006_messenger_profile`: the Messenger Profile API's properties (profile-schema.ts), one row per account and
 * property, so that setting one property never rewrites another.
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
}
