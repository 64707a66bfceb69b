/**
 * The bytes of a webhook POST (spec §10.2, §10.4): one entry per event, several entries per POST. They are
 * signed over exactly these bytes with `signatureHeaders` from `@parley/protocol`.
 */
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
