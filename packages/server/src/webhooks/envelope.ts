/**
 * The bytes of a webhook POST and their signatures (spec §10.2, §10.4): one entry per event, several entries
 * per POST, signed with the app secret over exactly the bytes sent.
 */
import { createHmac } from 'node:crypto';
import type { ClaimedDelivery, WebhookObject } from '../store/schema.ts';

/** At most this many entries in one POST, as Meta batches. */
export const MAX_ENTRIES = 1000;

const COMMA = 0x2c;

/**
 * The stored entries are already serialized as Meta writes JSON, ASCII only (`\uXXXX` beyond it), so the body
 * is copied together byte for byte, not re-encoded.
 */
export function envelope(
  object: WebhookObject,
  deliveries: readonly Pick<ClaimedDelivery, 'entry'>[],
): Buffer {
  const head = `{"object":"${object}","entry":[`;
  let size = head.length + deliveries.length + 2;
  for (const { entry } of deliveries) size += entry.length;
  const body = Buffer.allocUnsafe(size);
  let at = body.write(head, 0, 'latin1');
  for (let i = 0; i < deliveries.length; i++) {
    if (i > 0) body[at++] = COMMA;
    at += body.write(deliveries[i]!.entry, at, 'latin1');
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
