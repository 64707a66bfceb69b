/** `0005_catalog`: the products of a Page's catalog (catalog-schema.ts), which the product template sends. */
import type { Kysely } from 'kysely';

export async function catalogTables(db: Kysely<unknown>) {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('retailer_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('products_account')
    .on('products')
    .columns(['account_id', 'created_at'])
    .execute();
}
