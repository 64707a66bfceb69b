/** Pages' product catalogs: the products a product template sends (Meta's come from Commerce Manager). */
import { GraphError } from '@parley/protocol';
import { NewProduct } from '@parley/sandbox';
import { Hono } from 'hono';
import { newId } from '../graph/ids.ts';
import { formatPrice, isCurrency } from '../send/currency.ts';
import type { ProductRow } from '../store/schema.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody } from './input.ts';

const invalid = (detail: string) => new GraphError('sandboxInvalidRequest', { detail });

export function catalogRoutes({ store, clock, world }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.post('/accounts/:id/products', async (c) => {
    const account = await world.requireAccount(c.req.param('id'));
    if (account.type !== 'page') throw invalid('Catalogs belong to Pages');
    const body = await readBody(c, NewProduct);
    const currency = body.currency ?? 'USD';
    if (!isCurrency(currency)) throw invalid('currency must be an ISO 4217 code, in upper case');
    const id = newId.product();
    const product: ProductRow = {
      id,
      account_id: account.id,
      retailer_id: body.retailer_id ?? id,
      name: body.name,
      price: formatPrice(body.price, currency),
      image_url: body.image_url ?? `https://picsum.photos/seed/${id}/600/600`,
      created_at: clock.now(),
    };
    await store.products.insert(product);
    const { created_at: _, ...view } = product;
    return c.json(view);
  });

  return routes;
}
