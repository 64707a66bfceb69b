/**
 * Message ids that carry their row number. The number sits in one AES-256 block (6 bytes of row, 6 of a fixed
 * tag, 4 of zeros), encrypted with a key derived from the server's secret; the block is written into the id the
 * way Meta's ids hold their numbers (spec §11.5): as the last decimal number of an Instagram `ig_dm_item` id,
 * or at the head of a Messenger `m_` id. So the store finds a message by its row, with no index over the long
 * ids, and checks the whole id against the row. An id is a function of its row and conversation alone, so a
 * list of messages makes its ids from the rows it reads rather than storing them in an index. Without the key,
 * an id says nothing of how many messages exist and cannot be made up for a row.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { ITEM_PREFIX, metaBase64, threadNumber } from './ids.ts';
import { writeUint48 } from './uint48.ts';

const BLOCK = 16;
/** Bytes 6–11 of every block: an id whose block decrypts without them was not made here. */
const TAG = 0x5041524c4559;
/** The tag's six bytes ("PARLEY"). */
const TAG_BYTES = Buffer.alloc(6);
TAG_BYTES.writeUIntBE(TAG, 0, 6);
/** Blocks after a Messenger id's first (encrypted with 1, 2, 3 in their last bytes): 86 characters, as Meta's. */
const MESSENGER_TAIL_BLOCKS = 3;

/** What a message id is made of besides its row: the conversation it is in. */
export interface MessageIdScope {
  readonly id: string;
  readonly account_id: string;
}

/**
 * The part of a thread's message ids before their numbers: its whole base64 groups, encoded (the same in
 * every id of the thread), and the characters left over (two at most: the thread number's last digit and
 * `:`), which share a group with the block's first digits. Remembered per thread while it is active.
 */
interface IdPrefix {
  readonly accountId: string;
  readonly head: string;
  readonly rest: Buffer;
}

/** By thread id (a thread has one account; the account is checked rather than hashed into the key). */
const prefixes = new Map<string, IdPrefix>();
function prefixOf(accountId: string, threadId: string): IdPrefix {
  let prefix = prefixes.get(threadId);
  if (prefix?.accountId !== accountId) {
    const text = `${ITEM_PREFIX}${accountId}:${threadNumber(threadId)}:`;
    const whole = text.length - (text.length % 3);
    const rest = Buffer.from(text.slice(whole), 'latin1');
    prefix = { accountId, head: metaBase64(text.slice(0, whole)), rest };
    if (prefixes.size >= 10_000) prefixes.clear();
    prefixes.set(threadId, prefix);
  }
  return prefix;
}

const LIMB_COUNT = 8;
const limbs16 = new Int32Array(LIMB_COUNT);
const triples = new Int32Array(13);

/**
 * Writes the 128-bit number at `at` of `block` in decimal (ASCII digits, no leading zeros, `0` for zero) into
 * `into` from `offset`, answering how many digits. Integer arithmetic on eight 16-bit limbs, three digits per
 * division: a BigInt and its decimal string cost about twice as much.
 */
export function writeDecimal(block: Uint8Array, at: number, into: Uint8Array, offset: number): number {
  for (let k = 0; k < LIMB_COUNT; k++) limbs16[k] = (block[at + 14 - 2 * k]! << 8) | block[at + 15 - 2 * k]!;
  let top = LIMB_COUNT - 1;
  while (top >= 0 && limbs16[top] === 0) top--;
  let count = 0;
  do {
    let rest = 0;
    for (let k = top; k >= 0; k--) {
      const value = rest * 65536 + limbs16[k]!;
      const quotient = (value / 1000) | 0;
      limbs16[k] = quotient;
      rest = value - quotient * 1000;
    }
    triples[count++] = rest;
    while (top >= 0 && limbs16[top] === 0) top--;
  } while (top >= 0);
  let n = offset;
  const high = triples[count - 1]!;
  if (high >= 100) into[n++] = 48 + ((high / 100) | 0);
  if (high >= 10) into[n++] = 48 + (((high / 10) | 0) % 10);
  into[n++] = 48 + (high % 10);
  for (let t = count - 2; t >= 0; t--) {
    const triple = triples[t]!;
    into[n++] = 48 + ((triple / 100) | 0);
    into[n++] = 48 + (((triple / 10) | 0) % 10);
    into[n++] = 48 + (triple % 10);
  }
  return n - offset;
}

/** A prefix's leftover characters and a block's digits: 2 + 39 bytes at most. */
const restAndDigits = Buffer.alloc(41);
/** Meta's escape of each `=` of base64 padding, by how many there are. */
const PADDING = ['', 'ZD', 'ZDZD'];

/**
 * The id of the block at `at`: the thread's head, then the base64 of the leftover characters and the digits.
 * Digits and `:` encode to letters and digits only (never `Z`, `+` or `/`), so that base64 needs no escape
 * but its padding's.
 */
function instagramId(prefix: IdPrefix, block: Buffer, at: number): string {
  const { rest } = prefix;
  for (let i = 0; i < rest.length; i++) restAndDigits[i] = rest[i]!;
  const length = rest.length + writeDecimal(block, at, restAndDigits, rest.length);
  const padding = (3 - (length % 3)) % 3;
  const encoded = restAndDigits.toString('base64', 0, length);
  return prefix.head + (padding ? encoded.slice(0, -padding) + PADDING[padding] : encoded);
}

export class MessageIds {
  private readonly cipher;
  private readonly decipher;

  constructor(secret: Buffer) {
    const key = createHash('sha256').update('parley-message-id\n').update(secret).digest();
    // ECB over whole blocks keeps no state between calls: one cipher and one decipher serve every id.
    this.cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
    this.decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  }

  /** The id of the message in `row` of a conversation: Messenger's in a `t_` thread, Instagram's otherwise. */
  of(row: number, conversation: MessageIdScope): string {
    return this.ofRows([row], conversation)[0]!;
  }

  /** The ids of several rows of one conversation, encrypted together. */
  ofRows(rows: readonly number[], conversation: MessageIdScope): string[] {
    return conversation.id.startsWith('t_')
      ? this.messengerIds(rows)
      : this.instagramIds(rows, conversation.account_id, conversation.id);
  }

  /** `ig_dm_item:1:IGMessageID:{account}:{thread number}:{block as a decimal number}`, Meta-base64. */
  instagram(row: number, accountId: string, threadId: string): string {
    return this.instagramIds([row], accountId, threadId)[0]!;
  }

  /** `m_` and the block, then three more blocks of the row, in base64url. */
  messenger(row: number): string {
    return this.messengerIds([row])[0]!;
  }

  private instagramIds(rows: readonly number[], accountId: string, threadId: string): string[] {
    const sealed = this.sealed(rows, 1);
    const prefix = prefixOf(accountId, threadId);
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i++) ids.push(instagramId(prefix, sealed, i * BLOCK));
    return ids;
  }

  private messengerIds(rows: readonly number[]): string[] {
    const size = BLOCK * (1 + MESSENGER_TAIL_BLOCKS);
    const sealed = this.sealed(rows, 1 + MESSENGER_TAIL_BLOCKS);
    return rows.map((_, i) => `m_${sealed.toString('base64url', i * size, (i + 1) * size)}`);
  }

  /** The row number an id carries, or undefined for an id not made here (older ones, forged ones). */
  rowOf(id: string): number | undefined {
    const block = id.startsWith('m_') ? messengerBlock(id) : instagramBlock(id);
    if (!block) return undefined;
    const plain = this.decipher.update(block);
    if (plain.length !== BLOCK || plain.readUIntBE(6, 6) !== TAG) return undefined;
    const row = plain.readUIntBE(0, 6);
    return row > 0 ? row : undefined;
  }

  /** Each row's `blocks` blocks (row, tag, and the block's index), encrypted in one call. */
  private sealed(rows: readonly number[], blocks: number): Buffer {
    const plain = Buffer.allocUnsafe(rows.length * blocks * BLOCK);
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let b = 0; b < blocks; b++, at += BLOCK) {
        writeUint48(plain, at, rows[i]!);
        for (let t = 0; t < TAG_BYTES.length; t++) plain[at + 6 + t] = TAG_BYTES[t]!;
        plain[at + 12] = 0;
        plain[at + 13] = 0;
        plain[at + 14] = 0;
        plain[at + 15] = b;
      }
    }
    return this.cipher.update(plain);
  }
}

function messengerBlock(id: string): Buffer | undefined {
  // 22 base64url characters hold the block's 128 bits (and 4 bits of what follows, which decoding drops).
  const block = Buffer.from(id.slice(2, 24), 'base64url');
  return block.length === BLOCK ? block : undefined;
}

/** Base64 digit values by character code; -1 for characters outside the alphabet. */
const SEXTETS = new Int8Array(128).fill(-1);
for (const [value, ch] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) {
  SEXTETS[ch.charCodeAt(0)] = value;
}
const PAD = 64;
const Z = 90;
const COLON = 58;
/** Base64 characters read from the end of an Instagram id: 45 bytes, room for `:` and 39 digits. */
const TAIL = 60;
const tail = new Uint8Array(TAIL);
const tailBytes = new Uint8Array((TAIL / 4) * 3);
const LIMBS = BLOCK / 2;
const limbs = new Uint32Array(LIMBS);

/**
 * The block an Instagram id ends with: its last number, read as 128 bits, without decoding the whole id or
 * building strings. Undefined for anything that does not end in `:` and such a number.
 */
function instagramBlock(id: string): Buffer | undefined {
  const length = decodeTail(id);
  let first = length;
  while (first > 0 && tailBytes[first - 1]! >= 48 && tailBytes[first - 1]! <= 57) first--;
  // A 16-byte block is at most 39 decimal digits.
  if (first <= 0 || first === length || length - first > 39 || tailBytes[first - 1] !== COLON)
    return undefined;
  return blockOfDecimal(tailBytes, first, length);
}

/**
 * Decodes the bytes at the end of an id into `tailBytes`, answering how many (-1 for a malformed id). Every `Z`
 * in an id starts an escape (`ZA` Z, `ZB` +, `ZC` /, `ZD` =), so read backwards, a character after a `Z` is an
 * escape's second half; and an id's base64 is whole groups of four, so its last sixty characters are too.
 */
function decodeTail(id: string): number {
  let n = 0;
  for (let i = id.length - 1; i >= 0 && n < TAIL; i--) {
    const code = id.charCodeAt(i);
    let value: number;
    if (i > 0 && id.charCodeAt(i - 1) === Z) {
      value = code === 65 ? 25 : code === 66 ? 62 : code === 67 ? 63 : code === 68 ? PAD : -1;
      i--;
    } else {
      value = code === Z || code > 127 ? -1 : SEXTETS[code]!;
    }
    if (value < 0) return -1;
    tail[TAIL - ++n] = value;
  }
  if (n % 4 !== 0) return -1;
  let length = 0;
  for (let g = TAIL - n; g < TAIL; g += 4) {
    const a = tail[g]!;
    const b = tail[g + 1]!;
    const c = tail[g + 2]!;
    const d = tail[g + 3]!;
    // Padding only at the very end.
    if (a === PAD || b === PAD || (c === PAD && d !== PAD) || (g + 4 < TAIL && d === PAD)) return -1;
    tailBytes[length++] = (a << 2) | (b >> 4);
    if (c !== PAD) tailBytes[length++] = ((b & 15) << 4) | (c >> 2);
    if (d !== PAD) tailBytes[length++] = ((c & 3) << 6) | d;
  }
  return length;
}

/** ASCII decimal digits as a 16-byte big-endian number; undefined beyond 128 bits. */
function blockOfDecimal(digits: Uint8Array, from: number, to: number): Buffer | undefined {
  // 16-bit limbs, least significant first, four digits at a time: integer arithmetic only.
  limbs.fill(0);
  for (let i = from; i < to;) {
    let chunk = 0;
    let scale = 1;
    for (const end = Math.min(to, i + 4); i < end; i++) {
      chunk = chunk * 10 + digits[i]! - 48;
      scale *= 10;
    }
    let carry = chunk;
    for (let k = 0; k < LIMBS; k++) {
      const value = limbs[k]! * scale + carry;
      limbs[k] = value & 0xffff;
      carry = value >>> 16;
    }
    if (carry > 0) return undefined;
  }
  const block = Buffer.allocUnsafe(BLOCK);
  for (let k = 0; k < LIMBS; k++) block.writeUInt16BE(limbs[LIMBS - 1 - k]!, k * 2);
  return block;
}
