/**
 * Turns an access token into the caller: Instagram user tokens, Page tokens and app tokens
 * (`{app-id}|{app-secret}` or the app's own `{app-id}|…` token). Checks expiry against the clock
 * and `appsecret_proof` when one is sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphError, type ApiFamily } from '@parley/protocol';
import type { Auth } from '../core/context.ts';
import type { Store } from '../store/store.ts';
import type { AccountRow } from '../store/schema.ts';
import { formatMetaExpiry } from './expiry-format.ts';

/** The family a token string belongs to, from its shape alone. */
export function familyOfToken(token: string): ApiFamily | undefined {
  if (token.startsWith('IG')) return 'instagram';
  if (token.startsWith('EAA') || token.includes('|')) return 'facebook';
  return undefined;
}

const TOKEN_SHAPE = /^[\x21-\x7e]{1,2048}$/;

export interface ResolvedToken {
  readonly auth: Auth;
  /** Epoch ms, or null for tokens that do not expire. */
  readonly expiresAt: number | null;
}

async function resolveAppToken(store: Store, token: string): Promise<ResolvedToken | undefined> {
  const [appId, secret] = token.split('|', 2);
  if (!appId || !secret) return undefined;
  const app = await store.apps.get(appId);
  if (!app) return undefined;
  const given = Buffer.from(secret);
  const matches = [app.secret, app.app_token.split('|')[1] ?? ''].some((expected) => {
    const e = Buffer.from(expected);
    return e.length === given.length && timingSafeEqual(e, given);
  });
  if (!matches) return undefined;
  return { auth: { kind: 'app', app, accounts: [], scopes: new Set() }, expiresAt: null };
}

/** Looks a token up in the store; undefined when no such token exists. */
export async function resolveToken(store: Store, token: string): Promise<ResolvedToken | undefined> {
  if (token.includes('|')) return resolveAppToken(store, token);
  const row = await store.tokens.get(token);
  if (!row) return undefined;
  const [app, account] = await Promise.all([store.apps.get(row.app_id), store.accounts.get(row.account_id)]);
  if (!app || !account) return undefined;
  const accounts: AccountRow[] = [account];
  if (row.kind === 'page' && account.instagram_account_id) {
    const linked = await store.accounts.get(account.instagram_account_id);
    if (linked) accounts.push(linked);
  }
  const scopes = new Set(JSON.parse(row.scopes) as string[]);
  return { auth: { kind: row.kind, app, account, accounts, scopes }, expiresAt: row.expires_at };
}

export interface Credentials {
  readonly token: string | undefined;
  readonly appsecretProof: string | undefined;
  /** The family the Host header asked for, if it named one of Meta's hosts. */
  readonly hostFamily: ApiFamily | undefined;
  readonly requestsMe: boolean;
}

export async function authenticate(
  credentials: Credentials,
  lookup: (token: string) => Promise<ResolvedToken | undefined>,
  now: number,
): Promise<Auth> {
  const { token, appsecretProof, hostFamily } = credentials;
  if (!token)
    throw new GraphError(credentials.requestsMe ? 'activeTokenRequiredForMe' : 'accessTokenRequired');
  // Tokens are printable ASCII; anything else cannot be one, and never reaches the database.
  const resolved = TOKEN_SHAPE.test(token) ? await lookup(token) : undefined;
  if (!resolved) throw new GraphError('invalidAccessToken');
  const { auth, expiresAt } = resolved;
  // A token only parses on its own host: Instagram Login tokens on graph.instagram.com, the rest on graph.facebook.com.
  const tokenFamily: ApiFamily = auth.kind === 'instagram' ? 'instagram' : 'facebook';
  if (hostFamily && hostFamily !== tokenFamily) throw new GraphError('invalidAccessToken');
  if (expiresAt !== null && expiresAt <= now) {
    throw new GraphError('expiredAccessToken', {
      expiredAt: formatMetaExpiry(expiresAt),
      now: formatMetaExpiry(now),
    });
  }
  if (appsecretProof !== undefined) {
    const expected = createHmac('sha256', auth.app.secret).update(token).digest('hex');
    const given = Buffer.from(appsecretProof.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new GraphError('invalidAppsecretProof');
    }
  }
  return auth;
}
