/**
 * `0007_conversation_routing`: apps' roles on accounts and who controls each thread (routing-schema.ts);
 * `0008_personas`: a Page's personas.
 */
import type { Kysely } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';

export async function conversationRoutingTables(db: Kysely<unknown>) {
  await db.schema
    .createTable('app_roles')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_roles_pk', ['account_id', 'app_id'])
    .execute();

  await db.schema
    .createTable('thread_owners')
    .addColumn('conversation_seq', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('thread_owners_by_account').on('thread_owners').column('account_id').execute();
}

export async function personaTables(db: Kysely<unknown>, dialect: SqlDialectName) {
  await withSeq(db.schema.createTable('personas'), dialect)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile_picture_url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('personas_by_account')
    .on('personas')
    .columns(['account_id', 'created_at', 'seq'])
    .execute();
}
