/**
 * Opaque paging cursors. A cursor carries the sort key of an item, encrypted and authenticated
 * (AES-256-GCM) with the server's secret and bound to the edge it was issued for: it can be neither
 * read, forged, nor replayed against another account's or conversation's edge.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export type CursorKey = readonly (string | number)[];

/** Meta's cursors start this way (base64 of "AQH…"); ours do too, for looks only. */
const PREFIX = 'QVFI';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CursorCodec {
  encode(scope: string, key: CursorKey): string;
  /** The key, or undefined when the cursor is malformed, tampered with, or belongs to another edge. */
  decode(scope: string, cursor: string): CursorKey | undefined;
}

export function createCursorCodec(secret: Buffer | string): CursorCodec {
  const key = createHash('sha256').update('parley-cursor\n').update(secret).digest();

  return {
    encode(scope, sortKey) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(scope));
      const body = Buffer.concat([cipher.update(JSON.stringify(sortKey), 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    decode(scope, cursor) {
      if (!cursor.startsWith(PREFIX)) return undefined;
      const raw = Buffer.from(cursor.slice(PREFIX.length), 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(scope));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
        const value: unknown = JSON.parse(text.toString('utf8'));
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
        return value;
      } catch {
        return undefined;
      }
    },
  };
}
