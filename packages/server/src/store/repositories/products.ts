/** The products of Pages' catalogs. */
import type { DbContext } from '../db-context.ts';
import type { ProductRow } from '../schema.ts';

export class ProductsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(product: ProductRow) {
    await this.ctx.db.insertInto('products').values(product).execute();
  }

  /** The products among `ids` that a Page's catalog holds. */
  listOf(accountId: string, ids: readonly string[]): Promise<ProductRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ctx.db
      .selectFrom('products')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
  }
}
