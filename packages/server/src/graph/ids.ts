/**
 * Identifiers shaped like Meta's (spec §11.5), drawn at random so they cannot be guessed or enumerated
 * (message ids, which also carry their row number, are made in message-ids.ts).
 * Instagram thread and message ids carry Meta's "Z-escaped" base64 of `ig_dm…` strings, so they start
 * with `aWdf` as the real ones do; Messenger uses `t_…` threads and `m_…` messages.
 */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Random bytes drawn from a pool refilled 16 KiB at a time: every response needs a few (trace ids, ids,
 * cursor material), and one call into the crypto module per byte run costs more than the bytes.
 */
const pool = Buffer.alloc(16 * 1024);
let offset = pool.length;

export function randomByte(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]!;
}

/** A uniform integer in [0, n) for n ≤ 256, without modulo bias. */
function randomBelow(n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const byte = randomByte();
    if (byte < limit) return byte % n;
  }
}

export function randomDigits(length: number): string {
  let out = String(1 + randomBelow(9));
  while (out.length < length) out += String(randomBelow(10));
  return out;
}

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomBelow(ALNUM.length)];
  return out;
}

/** Meta's id base64: standard base64 with `Z`, `+`, `/`, `=` written as `ZA`, `ZB`, `ZC`, `ZD`. */
export function metaBase64(text: string): string {
  // `Z` first, so that the `Z`s the others write are not escaped again.
  return Buffer.from(text, 'utf8')
    .toString('base64')
    .replaceAll('Z', 'ZA')
    .replaceAll('+', 'ZB')
    .replaceAll('/', 'ZC')
    .replaceAll('=', 'ZD');
}

export function metaBase64Decode(id: string): string | undefined {
  // Every `Z` of an id starts an escape; `ZA` last, so that the `Z`s it writes start none.
  const escaped = id.replaceAll('ZB', '+').replaceAll('ZC', '/').replaceAll('ZD', '=').replaceAll('ZA', 'Z');
  if (!/^[A-Za-z0-9+/]+=*$/.test(escaped)) return undefined;
  return Buffer.from(escaped, 'base64').toString('utf8');
}

const THREAD_PREFIX = 'ig_dm:1:IGMessageThread:';
export const ITEM_PREFIX = 'ig_dm_item:1:IGMessageID:';
/** The first 24 characters of those prefixes once encoded (18 bytes: whole base64 groups, no escapes). */
const ENCODED_THREAD_PREFIX = metaBase64(THREAD_PREFIX).slice(0, 24);
const ENCODED_ITEM_PREFIX = metaBase64(ITEM_PREFIX).slice(0, 24);

/**
 * A thread id's own number, which its messages' ids repeat: the last number of an Instagram thread id. Ids
 * that hold none (which the API and seeds refuse for Instagram threads) get one from their hash, so that a
 * thread's message ids are always the same.
 */
export function threadNumber(threadId: string): string {
  const number = metaBase64Decode(threadId)?.split(':').at(-1);
  if (number && /^\d{1,39}$/.test(number)) return number;
  return BigInt(`0x${createHash('sha256').update(threadId).digest('hex').slice(0, 32)}`).toString();
}

/** Whether `id` is shaped as a thread of the platform: `t_` and digits for Messenger, Meta-base64 for Instagram. */
export function isThreadIdOf(platform: 'instagram' | 'messenger', id: string): boolean {
  if (platform === 'messenger') return /^t_\d{1,20}$/.test(id);
  const text = idKind(id) === 'thread' ? metaBase64Decode(id) : undefined;
  return text !== undefined && text.startsWith(THREAD_PREFIX) && /:\d{1,39}$/.test(text);
}

export const newId = {
  app: () => randomDigits(16),
  instagramAccount: () => '1784' + randomDigits(13),
  /** The app-scoped id that `GET /me` answers as `id` on Instagram Login. */
  instagramAppScopedUser: () => randomDigits(17),
  page: () => '1' + randomDigits(14),
  person: () => randomDigits(11),
  /** IGSID and PSID. */
  scopedUser: () => randomDigits(16),
  instagramThread: (accountId: string) => metaBase64(`${THREAD_PREFIX}${accountId}:${randomDigits(39)}`),
  messengerThread: () => 't_' + randomDigits(16),
  attachment: () => randomDigits(17),
  /** Instagram media and comments: 17-digit numbers starting 17/18, as Meta's are. */
  instagramMedia: () => '179' + randomDigits(14),
  instagramComment: () => '178' + randomDigits(14),
  /** A Page post is `{page-id}_{post number}`; a comment on it `{post number}_{comment number}`. */
  pagePost: (pageId: string) => `${pageId}_${randomDigits(16)}`,
  /** A product in a Page's catalog. */
  product: () => randomDigits(16),
  /** A Page's persona. */
  persona: () => randomDigits(16),
  pageComment: (postId: string) => `${postId.slice(postId.indexOf('_') + 1)}_${randomDigits(16)}`,
  /** What a person's opt-in to notification messages gives the business to message them with. */
  notificationToken: () => randomDigits(19),
  instagramUserToken: () => 'IGAA' + randomAlnum(150),
  pageToken: () => 'EAA' + randomAlnum(180),
  /** Facebook Login's user tokens share the `EAA` shape of Page tokens. */
  userToken: () => 'EAA' + randomAlnum(180),
  /** A login consent's one-time code (Meta's start `AQ`). */
  authorizationCode: () => 'AQ' + randomAlnum(126),
  /** The id a login grant is kept under (never shown by the API). */
  grant: () => randomAlnum(20),
  /** A person's id as one app knows them (Facebook Login's `GET /me` `id`). */
  appScopedUser: () => randomDigits(16),
  appTokenSuffix: () => randomAlnum(27),
  appSecret: () => randomBytes(16).toString('hex'),
  fbtrace: () => randomAlnum(23),
};

/** `compound`: two numbers joined by `_`, as Page posts and their comments are named. */
export type IdKind = 'thread' | 'message' | 'numeric' | 'compound' | 'unknown';

/** What kind of Graph object an id can name, from its shape alone. */
export function idKind(id: string): IdKind {
  if (/^\d{1,20}$/.test(id)) return 'numeric';
  if (/^t_\d+$/.test(id)) return 'thread';
  if (/^\d{1,20}_\d{1,20}$/.test(id)) return 'compound';
  if (/^m_[A-Za-z0-9_-]+$/.test(id)) return 'message';
  // The encodings of `ig_dm_item:1:IGMessageID:` and `ig_dm:1:IGMessageThread:` begin these ways.
  if (id.startsWith(ENCODED_ITEM_PREFIX) && /^[A-Za-z0-9]+$/.test(id)) return 'message';
  if (id.startsWith(ENCODED_THREAD_PREFIX) && /^[A-Za-z0-9]+$/.test(id)) return 'thread';
  return 'unknown';
}
