/**
 * Opaque paging cursors. A cursor is one AES-256 block, encrypted with a key derived from the server's
 * secret, holding an item's sort key (time and row number) and a hash of the edge it was issued for. Without
 * the key a cursor can be neither read nor forged, and one issued for another account's or conversation's
 * edge fails its check.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { writeUint48 } from './uint48.ts';

/** An item's place on an edge: its time (epoch ms) and row number. */
export type CursorKey = readonly [number, number];

/** Meta's cursors start this way (base64 of "AQH…"); ours do too, for looks only. */
const PREFIX = 'QVFI';
const BLOCK = 16;
const MAX_48_BITS = 2 ** 48;

export interface CursorCodec {
  /** Cursors for keys of one edge, encrypted in one call (each call costs more than the blocks it encrypts). */
  encode(scope: string, keys: readonly CursorKey[]): string[];
  /** The key, or undefined when the cursor is malformed, tampered with, or belongs to another edge. */
  decode(scope: string, cursor: string): CursorKey | undefined;
}

/** FNV-1a: enough to tell edges apart inside an encrypted block, which no one can forge anyway. */
function scopeHash(scope: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scope.length; i++) hash = Math.imul(hash ^ scope.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function createCursorCodec(secret: Buffer | string): CursorCodec {
  const key = createHash('sha256').update('parley-cursor\n').update(secret).digest();
  // ECB keeps no state between blocks, so one cipher and one decipher serve every cursor.
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);

  return {
    encode(scope, keys) {
      const hash = scopeHash(scope);
      const blocks = Buffer.allocUnsafe(keys.length * BLOCK);
      for (let i = 0; i < keys.length; i++) {
        const [time, seq] = keys[i]!;
        writeUint48(blocks, i * BLOCK, time);
        writeUint48(blocks, i * BLOCK + 6, seq);
        blocks.writeUInt32BE(hash, i * BLOCK + 12);
      }
      const sealed = cipher.update(blocks);
      const cursors: string[] = [];
      for (let i = 0; i < keys.length; i++)
        cursors.push(PREFIX + sealed.toString('base64url', i * BLOCK, (i + 1) * BLOCK));
      return cursors;
    },
    decode(scope, cursor) {
      if (!cursor.startsWith(PREFIX) || cursor.length !== PREFIX.length + 22) return undefined;
      const raw = Buffer.from(cursor.slice(PREFIX.length), 'base64url');
      if (raw.length !== BLOCK) return undefined;
      const plain = decipher.update(raw);
      if (plain.length !== BLOCK || plain.readUInt32BE(12) !== scopeHash(scope)) return undefined;
      const time = plain.readUIntBE(0, 6);
      const seq = plain.readUIntBE(6, 6);
      return time < MAX_48_BITS && seq < MAX_48_BITS ? [time, seq] : undefined;
    },
  };
}
