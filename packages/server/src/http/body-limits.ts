/**
 * How large a request body each route takes, enforced while the body streams in: a body over its limit is
 * refused as soon as its `Content-Length` (or its bytes so far) says so, and no more than the limit is ever
 * held in memory. Uploads take Meta's largest attachment (25 MB) and room for the form around it; seeds take
 * large worlds; everything else, small JSON or forms.
 */
import { GraphError } from '@parley/protocol';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { nodeHeaders } from './node-request.ts';

const MB = 1024 * 1024;

export const BODY_LIMITS = {
  /** Send API calls with a file (`filedata`), and reusable uploads. */
  upload: 26 * MB,
  /** A seed document: a world of many conversations. */
  seed: 64 * MB,
  /** Everything else: Graph parameters, batches, sandbox JSON. */
  other: 1 * MB,
} as const;

function limitOf(path: string, contentType: string | undefined): number {
  const multipart = contentType?.toLowerCase().startsWith('multipart/form-data') ?? false;
  if (multipart && /\/(?:messages|message_attachments)\/?$/.test(path)) return BODY_LIMITS.upload;
  if (path === '/_parley/seed') return BODY_LIMITS.seed;
  if (path === '/_parley/uploads') return BODY_LIMITS.upload;
  return BODY_LIMITS.other;
}

const limiters = new Map(
  Object.values(BODY_LIMITS).map((maxSize) => [
    maxSize,
    bodyLimit({
      maxSize,
      onError: () => {
        throw new GraphError('requestTooLarge', { limit: String(maxSize) });
      },
    }),
  ]),
);

export const bodyLimits: MiddlewareHandler = (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const node = nodeHeaders(c);
  const header = (name: string) => (node ? (node[name] as string | undefined) : c.req.header(name));
  const limit = limitOf(c.req.path, header('content-type'));
  // With a length, Node reads that many bytes and no more: the length alone decides, before any is read.
  if (header('transfer-encoding') === undefined) {
    const length = Number(header('content-length') ?? 0);
    if (length > limit) throw new GraphError('requestTooLarge', { limit: String(limit) });
    return next();
  }
  // Chunked: counted as it streams in, and refused once past the limit.
  return limiters.get(limit)!(c, next);
};
