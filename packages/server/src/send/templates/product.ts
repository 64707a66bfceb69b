/**
 * The product template (Messenger, and Instagram through its linked Page): up to 10 products of the Page's
 * catalog by id; their name, price and image come from the catalog when the message is stored
 * (materialize.ts).
 */
import { GraphError, type ProductTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import type { AccountRow } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { object, requiredList, requiredText, ROOT } from './fields.ts';

export function readProduct(payload: Json): ProductTemplate {
  const name = `${ROOT}[elements]`;
  const elements = requiredList(payload, 'elements', name, { min: 1, max: TEMPLATE_LIMITS.elements });
  return {
    template_type: 'product',
    elements: elements.map((raw, i) => ({
      id: requiredText(object(raw, `${name}[${i}]`), 'id', `${name}[${i}][id]`),
    })),
  };
}

/**
 * The products as the catalog holds them: the Page's own, or for an Instagram account its linked Page's. A
 * product the catalog does not hold is refused (Parley's wording; see docs/differences-from-meta.md).
 */
export async function fromCatalog(
  template: ProductTemplate,
  account: AccountRow,
  store: Store,
): Promise<ProductTemplate> {
  const page = account.type === 'page' ? account : await store.accounts.getPageLinkedTo(account.id);
  const ids = template.elements.map((e) => e.id);
  const found = new Map((page ? await store.products.listOf(page.id, ids) : []).map((p) => [p.id, p]));
  return {
    template_type: 'product',
    elements: ids.map((id, i) => {
      const product = found.get(id);
      if (!product) {
        throw new GraphError('invalidParameter', {
          detail: `Param ${ROOT}[elements][${i}][id] must be a product of the Page's catalog`,
        });
      }
      const { retailer_id, name, price, image_url } = product;
      return { id, retailer_id, name, price, image_url };
    }),
  };
}
