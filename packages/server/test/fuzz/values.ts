/** What every family of generated requests is made of: the fuzz world, junk values, parameters, bodies. */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';

/** The ids and tokens a fuzz run may aim at. Writes use only the fuzz business, never the demo world's. */
export interface FuzzWorld {
  /** Tokens that may only read (the demo world's). */
  readonly readTokens: readonly string[];
  /** Tokens of the fuzz business: its Instagram account, its Page, its app. */
  readonly writeTokens: readonly string[];
  /** Ids worth aiming at: accounts, conversations, messages, apps, people. */
  readonly ids: readonly string[];
  /** Ids of the fuzz business only (safe to change). */
  readonly ownIds: readonly string[];
  /** A person's scoped id the fuzz business may message. */
  readonly recipient: string;
  readonly appId: string;
}

/** Where any URL in a generated body points: nowhere but loopback, so no request leaves the machine. */
export const LOCAL_URLS = [
  'http://127.0.0.1:9/a.png',
  'http://127.0.0.1:9/',
  'ftp://127.0.0.1/x',
  'not a url',
  '',
];

/** Replaces anything URL-like at any depth with a loopback URL (or junk), and keeps the rest. */
export function withLocalUrls<T>(value: T, pick = 0): T {
  if (typeof value === 'string') {
    return (
      /:\/\/|^\s*(?:https?|ftp|file|data)\b/i.test(value) ? LOCAL_URLS[pick % LOCAL_URLS.length] : value
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => withLocalUrls(v, pick + i)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v], i) => [k, withLocalUrls(v, pick + i)])) as T;
  }
  return value;
}

/** encodeURIComponent, which throws on a lone surrogate: that one is sent as the bytes a client might send. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

export const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '%00',
    '..',
    '../..',
    '-1',
    '0',
    '1.5',
    '1e20',
    '2147483648',
    '9223372036854775808',
    '9'.repeat(40),
    'null',
    'true',
    '[]',
    '{}',
    '{"a":',
    '😀'.repeat(300),
    'x'.repeat(5000),
  ),
);

export const numberish = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

export const version = fc.constantFrom('v23.0', 'v19.0', 'v26.0', 'v18.0', 'v27.0', 'v1', 'v23', 'x', '');

export const fieldsValue = fc.oneof(
  fc.constantFrom(
    'id',
    'id,updated_time,message_count,unread_count,participants',
    'messages{id,message,from,to,created_time}',
    'messages.limit(3){id}',
    'messages.limit(-1)',
    'messages.limit(1e20){id}',
    'messages{{',
    'id,,',
    '{',
    'a.b(c)',
    'name,username,profile_pic,follower_count',
    'attachments,shares,reactions,story,reply_to',
    'instagram_business_account',
  ),
  junk,
);

export const paramValue = fc.oneof(junk, numberish, fieldsValue);

/** Query or form parameters: the ones Graph reads, and others. */
export const params = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'fields',
      'limit',
      'after',
      'before',
      'platform',
      'folder',
      'user_id',
      'suppress_http_code',
      'pretty',
      'summary',
      'appsecret_proof',
      'subscribed_fields',
      'object',
      'callback_url',
      'verify_token',
    ),
    fc.string({ maxLength: 12 }),
  ),
  paramValue,
  { maxKeys: 5 },
);

export const contentType = (type: string): Record<string, string> => (type ? { 'content-type': type } : {});

export function query(values: Record<string, string>, token: string | undefined): string {
  const search = new URLSearchParams(values);
  if (token !== undefined) search.set('access_token', token);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const text = fc.oneof(
  junk,
  fc.constantFrom('hello', 'Thanks! 🙏', 'x'.repeat(1000), 'x'.repeat(2001)),
);

export function segmentish() {
  return fc.oneof(fc.stringMatching(/^\d{1,20}$/), junk);
}

/** A body as JSON, as a form (objects JSON-encoded, as Graph SDKs send them), or as junk of any type. */
export function encoded(body: Record<string, unknown>) {
  const form = () =>
    new URLSearchParams(
      Object.entries(body).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ]),
    ).toString();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ type: 'application/json', body: JSON.stringify(body) }) },
    { weight: 2, arbitrary: fc.constant({ type: 'application/x-www-form-urlencoded', body: form() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'x/y', ''),
        body: junk,
      }),
    },
  );
}

/**
 * Generated bodies sent to edges of the fuzz business (`paths`) with one of its tokens, by POST, DELETE or
 * GET (a GET without its body), in any encoding.
 */
export function writeCalls(
  bodies: fc.Arbitrary<Record<string, unknown>>,
  world: FuzzWorld,
  paths: readonly string[],
): fc.Arbitrary<RawRequest> {
  return bodies
    .map((body) => withLocalUrls(body))
    .chain((body) =>
      fc.tuple(
        encoded(body),
        fc.constantFrom(...paths),
        fc.constantFrom(...world.writeTokens),
        fc.constantFrom('POST', 'DELETE', 'GET'),
      ),
    )
    .map(([{ type, body }, path, token, method]) => ({
      method,
      target: `/v23.0/${path}?access_token=${encode(token)}`,
      headers: contentType(type),
      body: method === 'GET' ? undefined : body,
    }));
}
