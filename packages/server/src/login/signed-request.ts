/**
 * Meta's `signed_request`: base64url(HMAC-SHA256 of the payload part, keyed by the app secret), a dot, and
 * base64url(JSON payload). Apps verify it with their secret before trusting the payload.
 */
import { createHmac } from 'node:crypto';

export function signedRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', ...payload })).toString('base64url');
  const signature = createHmac('sha256', appSecret).update(body).digest('base64url');
  return `${signature}.${body}`;
}
