/** A Page's product catalog: what the product template shows (its details come from the catalog, not the send). */
import type { Selectable } from 'kysely';

export interface ProductsTable {
  id: string;
  /** The Page whose catalog holds it (its linked Instagram account sends it too). */
  account_id: string;
  /** The business's own id for the product (Meta's `retailer_id`). */
  retailer_id: string;
  name: string;
  /** As Meta shows a product's price: the amount with its currency, e.g. `$25.00`. */
  price: string;
  image_url: string;
  created_at: number;
}

export type ProductRow = Selectable<ProductsTable>;
