/**
 * The bytes of a webhook POST and their signatures (spec §10.2, §10.4): one entry per event, several entries
 * per POST, signed with the app secret over exactly the bytes sent.
 */
import { createHmac } from 'node:crypto';
import type { ClaimedDelivery, WebhookObject } from '../store/schema.ts';

/** At most this many entries in one POST, as Meta batches. */
export const MAX_ENTRIES = 1000;

type Entry = Pick<ClaimedDelivery, 'account_id' | 'event_time' | 'event'>;

/** The stored events are already serialized as Meta writes JSON, so the body is assembled, not re-encoded. */
export function envelope(object: WebhookObject, entries: readonly Entry[]): Buffer {
  const quoted = new Map<string, string>();
  const parts = entries.map((e) => {
    let id = quoted.get(e.account_id);
    if (id === undefined) quoted.set(e.account_id, (id = JSON.stringify(e.account_id)));
    return `{"id":${id},"time":${e.event_time},"messaging":[${e.event}]}`;
  });
  return Buffer.from(`{"object":"${object}","entry":[${parts.join(',')}]}`);
}

export function signatureHeaders(body: Buffer, appSecret: string): Record<string, string> {
  return {
    'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
    'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
  };
}
