/**
 * CDN-like URLs for stored media, shaped like Meta's (`…?oh=<signature>&oe=<expiry in hex>`): signed with the
 * server's secret, and refused once expired by the sandbox clock, as Meta's stop serving.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CdnSigner {
  /** The URL of an asset, valid for the configured time from `now`. */
  url(origin: string, assetId: string, now: number): string;
  /** Whether a request for an asset carries a valid, unexpired signature. */
  check(
    assetId: string,
    oe: string | undefined,
    oh: string | undefined,
    now: number,
  ): 'ok' | 'expired' | 'invalid';
}

export function createCdnSigner(secret: Buffer, ttlMs: number): CdnSigner {
  const sign = (assetId: string, expiresSeconds: number) =>
    createHmac('sha256', secret).update(`cdn\n${assetId}\n${expiresSeconds}`).digest('hex').slice(0, 32);
  return {
    url(origin, assetId, now) {
      const expires = Math.floor((now + ttlMs) / 1000);
      return `${origin}/cdn/${assetId}?oh=${sign(assetId, expires)}&oe=${expires.toString(16).toUpperCase()}`;
    },
    check(assetId, oe, oh, now) {
      if (!oe || !oh || !/^[0-9A-Fa-f]{1,12}$/.test(oe)) return 'invalid';
      const expires = parseInt(oe, 16);
      const expected = Buffer.from(sign(assetId, expires));
      const given = Buffer.from(oh);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return expires * 1000 < now ? 'expired' : 'ok';
    },
  };
}
