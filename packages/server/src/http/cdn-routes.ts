/**
 * The media CDN: serves stored copies of sent media at signed URLs that stop working when they expire,
 * answering like Meta's CDN does (plain-text 403s).
 */
import { Hono } from 'hono';
import type { Clock } from '../clock.ts';
import type { CdnSigner } from '../send/media/cdn.ts';
import type { Store } from '../store/store.ts';

export function cdnRoutes({ store, clock, cdn }: { store: Store; clock: Clock; cdn: CdnSigner }): Hono {
  const routes = new Hono();
  routes.get('/:assetId', async (c) => {
    const assetId = c.req.param('assetId');
    const verdict = /^\d{1,20}$/.test(assetId)
      ? cdn.check(assetId, c.req.query('oe'), c.req.query('oh'), clock.now())
      : 'invalid';
    if (verdict === 'expired') return c.text('URL signature expired', 403);
    if (verdict === 'invalid') return c.text('Bad URL hash', 403);
    const asset = await store.media.get(assetId);
    if (!asset) return c.text('Not Found', 404);
    return c.body(new Uint8Array(asset.bytes), 200, {
      'content-type': asset.mime_type,
      'content-length': String(asset.size),
      'cache-control': 'max-age=1209600, no-transform',
      'access-control-allow-origin': '*',
    });
  });
  return routes;
}
