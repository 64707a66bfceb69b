/**
 * `0002_login`: what logging in needs (login-schema.ts). Apps gain their login settings, tokens the grant
 * they came from and their lifetime.
 */
import type { Kysely } from 'kysely';
import { withSeq, type SqlDialectName } from './row-sequence.ts';

export async function loginTables(db: Kysely<unknown>, dialect: SqlDialectName) {
  await db.schema
    .alterTable('apps')
    .addColumn('redirect_uris', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('apps').addColumn('deauthorize_callback_url', 'text').execute();
  await db.schema.alterTable('apps').addColumn('data_deletion_url', 'text').execute();
  await db.schema.alterTable('tokens').addColumn('grant_id', 'text').execute();
  await db.schema.alterTable('tokens').addColumn('lifetime', 'text').execute();
  await db.schema.createIndex('tokens_grant').on('tokens').column('grant_id').execute();

  await db.schema
    .createTable('roles')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('roles_pk', ['person_id', 'target_id'])
    .execute();
  await db.schema.createIndex('roles_target').on('roles').column('target_id').execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('target_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  // A grant withdrawn stays (its tokens answer 458); logging in again makes a new one for the same subject.
  await db.schema
    .createIndex('grants_app_subject')
    .on('grants')
    .columns(['app_id', 'family', 'subject_id'])
    .execute();
  await db.schema.createIndex('grants_person').on('grants').column('person_id').execute();

  await db.schema
    .createTable('oauth_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await withSeq(db.schema.createTable('login_approvals'), dialect)
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text')
    .addColumn('target_ids', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
