/**
 * Webhook signatures as Meta writes them: an HMAC of the POST's exact bytes keyed with the app secret, sent as
 * `X-Hub-Signature-256: sha256=<hex>` and, for older receivers, `X-Hub-Signature: sha1=<hex>`. The server
 * signs with these, and bots (and their tests) verify with them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { metaJson } from './meta-json.ts';

export type SignatureAlgorithm = 'sha256' | 'sha1';

/** Hex digits in each algorithm's digest; a header of any other length is rejected before comparing. */
const HEX_LENGTH: Readonly<Record<SignatureAlgorithm, number>> = { sha256: 64, sha1: 40 };

const HEADER = /^(sha256|sha1)=([0-9a-fA-F]+)$/;

/**
 * The signature header value for a payload: `sha256=<hex>` (X-Hub-Signature-256), or `sha1=<hex>` for the
 * legacy X-Hub-Signature. A string is signed as its UTF-8 bytes.
 *
 * @example
 * sign('{"object":"page","entry":[]}', appSecret); // 'sha256=5f0b…'
 */
export function sign(
  payload: string | Uint8Array,
  appSecret: string,
  algorithm: SignatureAlgorithm = 'sha256',
): string {
  return `${algorithm}=${createHmac(algorithm, appSecret).update(payload).digest('hex')}`;
}

/**
 * Whether a signature header (`sha256=…`, or the legacy `sha1=…`) was made with the app secret over exactly
 * these bytes. Compared in constant time; a missing, repeated or malformed header, or one of the wrong length,
 * is `false`, never an exception. Verify the raw body: JSON parsed and written again is not Meta's bytes.
 *
 * @example
 * if (!verify(rawBody, req.headers['x-hub-signature-256'], appSecret)) return res.writeHead(401).end();
 */
export function verify(
  payload: string | Uint8Array,
  header: string | readonly string[] | undefined | null,
  appSecret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const match = HEADER.exec(header);
  if (!match) return false;
  const algorithm = match[1] as SignatureAlgorithm;
  const hex = match[2]!;
  if (hex.length !== HEX_LENGTH[algorithm]) return false;
  const expected = createHmac(algorithm, appSecret).update(payload).digest();
  return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
}

/**
 * The signature headers a Meta webhook POST carries for this body.
 *
 * @example
 * await fetch(callbackUrl, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signatureHeaders(body, appSecret) } });
 */
export function signatureHeaders(
  payload: string | Uint8Array,
  appSecret: string,
): { 'x-hub-signature-256': string; 'x-hub-signature': string } {
  return {
    'x-hub-signature-256': sign(payload, appSecret, 'sha256'),
    'x-hub-signature': sign(payload, appSecret, 'sha1'),
  };
}

/**
 * A signed fake webhook for a bot's own tests: the body and the headers Meta would POST it with. A string
 * payload is sent as it is; anything else is written as Meta writes JSON (non-ASCII as `\uXXXX`, `/` as `\/`),
 * so a bot that verifies re-serialized JSON instead of the raw body fails here as it would in production.
 *
 * @example
 * const { body, headers } = signTestPayload({ object: 'instagram', entry: [] }, 'test-secret');
 * await fetch('http://localhost:3000/webhook', { method: 'POST', body, headers });
 */
export function signTestPayload(
  payload: unknown,
  appSecret: string,
): {
  body: string;
  headers: { 'content-type': 'application/json'; 'x-hub-signature-256': string; 'x-hub-signature': string };
} {
  if (payload === undefined || typeof payload === 'function' || typeof payload === 'symbol') {
    throw new TypeError('signTestPayload: the payload has no JSON form');
  }
  const body = typeof payload === 'string' ? payload : metaJson(payload);
  return { body, headers: { 'content-type': 'application/json', ...signatureHeaders(body, appSecret) } };
}
