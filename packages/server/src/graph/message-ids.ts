/**
 * Message ids that carry their row number. The number sits in one AES-256 block, encrypted with a key derived
 * from the server's secret, beside a fixed tag and random bytes (6 bytes of row, 6 of tag, 4 random); the block is written into the id the way
 * Meta's ids hold their numbers (spec §11.5): as the last decimal number of an Instagram `ig_dm_item` id, or at
 * the head of a Messenger `m_` id. So the store finds a message by its row, with no index over the long ids,
 * and checks the whole id against the row. Without the key, an id says nothing of how many messages exist and
 * cannot be made up for a row.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { ITEM_PREFIX, metaBase64, metaBase64Decode, randomByte, threadNumber } from './ids.ts';

const BLOCK = 16;
/** Bytes 6–11 of every block ("PARLEY"): an id whose block decrypts without them was not made here. */
const TAG = 0x5041524c4559;
/** Random bytes after a Messenger id's block, so that it is as long as Meta's (86 characters). */
const MESSENGER_TAIL = 48;

/** Finds a message's row from its id: what the store needs of the ids. */
export interface MessageRowLocator {
  /** The row number an id carries, or undefined for an id not made by `MessageIds` (older ones, forged ones). */
  rowOf(id: string): number | undefined;
}

export class MessageIds implements MessageRowLocator {
  private readonly cipher;
  private readonly decipher;
  private readonly block = Buffer.alloc(BLOCK);

  constructor(secret: Buffer) {
    const key = createHash('sha256').update('parley-message-id\n').update(secret).digest();
    // ECB over exactly one block keeps no state between calls: one cipher and one decipher serve every id.
    this.cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    this.decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  }

  /** `ig_dm_item:1:IGMessageID:{account}:{thread number}:{block as a decimal number}`, Meta-base64. */
  instagram(row: number, accountId: string, threadId: string): string {
    const number = BigInt(`0x${this.sealed(row).toString('hex')}`).toString();
    return metaBase64(`${ITEM_PREFIX}${accountId}:${threadNumber(threadId)}:${number}`);
  }

  /** `m_` and the block, then random bytes, in base64url. */
  messenger(row: number): string {
    const tail = Buffer.allocUnsafe(MESSENGER_TAIL);
    for (let i = 0; i < MESSENGER_TAIL; i++) tail[i] = randomByte();
    return `m_${Buffer.concat([this.sealed(row), tail]).toString('base64url')}`;
  }

  rowOf(id: string): number | undefined {
    const block = id.startsWith('m_') ? messengerBlock(id) : instagramBlock(id);
    if (!block) return undefined;
    const plain = this.decipher.update(block);
    if (plain.length !== BLOCK || plain.readUIntBE(6, 6) !== TAG) return undefined;
    const row = plain.readUIntBE(0, 6);
    return row > 0 ? row : undefined;
  }

  private sealed(row: number): Buffer {
    const { block } = this;
    block.writeUIntBE(row, 0, 6);
    block.writeUIntBE(TAG, 6, 6);
    for (let i = 12; i < BLOCK; i++) block[i] = randomByte();
    return this.cipher.update(block);
  }
}

function messengerBlock(id: string): Buffer | undefined {
  // 22 base64url characters hold the block's 128 bits (and 4 bits of what follows, which decoding drops).
  const block = Buffer.from(id.slice(2, 24), 'base64url');
  return block.length === BLOCK ? block : undefined;
}

function instagramBlock(id: string): Buffer | undefined {
  const text = metaBase64Decode(id);
  if (!text?.startsWith(ITEM_PREFIX)) return undefined;
  const digits = text.slice(text.lastIndexOf(':') + 1);
  // A 16-byte block is at most 39 decimal digits.
  if (!/^\d{1,39}$/.test(digits)) return undefined;
  const hex = BigInt(digits).toString(16);
  return hex.length > BLOCK * 2 ? undefined : Buffer.from(hex.padStart(BLOCK * 2, '0'), 'hex');
}
