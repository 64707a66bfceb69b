/** Pages' product catalogs. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductRow } from '../schema.ts';
import type { Store } from '../store.ts';
import { T0, account, type StoreSuite } from './rows.ts';

export function catalogSuite(suite: StoreSuite): void {
  describe('catalog', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it("finds the products a Page's catalog holds, and no other Page's", async () => {
      const page = account('page');
      const other = account('page');
      const product = (id: string, accountId: string): ProductRow => ({
        id,
        account_id: accountId,
        retailer_id: `sku-${id}`,
        name: `Product ${id}`,
        price: '$25.00',
        image_url: `https://example.com/${id}.png`,
        created_at: T0,
      });
      await store.products.insert(product('9000000000000001', page.id));
      await store.products.insert(product('9000000000000002', page.id));
      await store.products.insert(product('9000000000000003', other.id));
      const found = await store.products.listOf(page.id, ['9000000000000002', '9000000000000003', 'nope']);
      expect(found).toEqual([product('9000000000000002', page.id)]);
      expect(await store.products.listOf(page.id, [])).toEqual([]);
    });
  });
}
