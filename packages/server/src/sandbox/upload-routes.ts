/**
 * `POST /_parley/uploads?account_id=`: a file a person is about to send (the console's upload), stored as
 * media of the account they write to and served at a signed, expiring CDN URL, as Meta's attachment URLs are.
 * The body is the file itself, with its type; the request carries `X-Parley-Upload: 1` (see guard.ts).
 */
import { Hono } from 'hono';
import { GraphError, type MediaType } from '@parley/protocol';
import { UploadQuery } from '@parley/sandbox';
import { newId } from '../graph/ids.ts';
import type { SandboxDeps } from './deps.ts';
import { readQuery } from './input.ts';
import { notFound } from './world.ts';

function mediaTypeOf(mime: string): MediaType {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'file';
}

export function uploadRoutes({ store, clock, config, cdn }: SandboxDeps): Hono {
  const routes = new Hono();
  routes.post('/uploads', async (c) => {
    const { account_id } = readQuery(c, UploadQuery);
    const account = await store.accounts.get(account_id);
    if (!account) throw notFound('account', account_id);
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new GraphError('sandboxInvalidRequest', { detail: 'The upload is empty' });
    const mime = (c.req.header('content-type') ?? 'application/octet-stream')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const now = clock.now();
    const asset = {
      id: newId.attachment(),
      account_id: account.id,
      attachment_type: mediaTypeOf(mime),
      mime_type: mime,
      size: bytes.length,
      name: c.req.header('x-parley-file-name')?.slice(0, 200) ?? null,
      bytes,
      reusable: 0,
      created_at: now,
      expires_at: now + config.mediaUrlTtlMs,
    };
    await store.media.insert(asset);
    return c.json({
      id: asset.id,
      type: asset.attachment_type,
      url: cdn.url(new URL(c.req.url).origin, asset.id, now),
    });
  });
  return routes;
}
