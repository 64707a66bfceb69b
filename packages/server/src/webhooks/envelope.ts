/**
 * The bytes of a webhook POST and their signatures (spec §10.2, §10.4): one entry per event, several entries
 * per POST, signed with the app secret over exactly the bytes sent.
 */
import { createHmac } from 'node:crypto';
import type { WebhookObject } from '../store/schema.ts';

/** At most this many entries in one POST, as Meta batches. */
export const MAX_ENTRIES = 1000;

const COMMA = 0x2c;

/**
 * The entries are already serialized as Meta writes JSON, ASCII only (`\uXXXX` beyond it), so the body is
 * copied together byte for byte, not re-encoded, into a buffer of at least the size asked.
 */
export function envelope(
  object: WebhookObject,
  entries: readonly Buffer[],
  allocate: (size: number) => Buffer,
): Buffer {
  const head = `{"object":"${object}","entry":[`;
  let size = head.length + entries.length + 2;
  for (const entry of entries) size += entry.length;
  const body = allocate(size);
  let at = body.write(head, 0, 'latin1');
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) body[at++] = COMMA;
    // TypedArray's own copy: Buffer#copy costs more per call than a short entry takes to copy.
    body.set(entries[i]!, at);
    at += entries[i]!.length;
  }
  at += body.write(']}', at, 'latin1');
  return body.subarray(0, at);
}

export function signatureHeaders(body: Buffer, appSecret: string): Record<string, string> {
  return {
    'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
    'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
  };
}
