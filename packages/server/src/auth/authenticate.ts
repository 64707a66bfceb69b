/**
 * Turns an access token into the caller: Instagram user tokens, Page tokens and app tokens
 * (`{app-id}|{app-secret}` or the app's own `{app-id}|…` token). Checks expiry against the clock
 * and `appsecret_proof` when one is sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphError, type ApiFamily } from '@parley/protocol';
import type { Auth } from '../core/context.ts';
import type { Store } from '../store/store.ts';
import type { AccountRow, GrantRow, StoredTokenKind } from '../store/schema.ts';
import { formatMetaExpiry } from './expiry-format.ts';

/** The family a token string belongs to, from its shape alone. */
export function familyOfToken(token: string): ApiFamily | undefined {
  if (token.startsWith('IG')) return 'instagram';
  if (token.startsWith('EAA') || token.includes('|')) return 'facebook';
  return undefined;
}

/** Tokens are printable ASCII of bounded length: anything else cannot be one, and never reaches the database. */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,2048}$/;
export const looksLikeToken = (text: string) => TOKEN_SHAPE.test(text);

export interface ResolvedToken {
  readonly auth: Auth;
  /** Epoch ms, or null for tokens that do not expire. */
  readonly expiresAt: number | null;
  /** The person withdrew the grant the token came from. */
  readonly revoked?: boolean;
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

/** The accounts a grant gave: its Pages and Instagram accounts, and the Instagram accounts linked to its Pages. */
async function grantedAccounts(store: Store, grant: GrantRow): Promise<AccountRow[]> {
  const ids = JSON.parse(grant.target_ids) as string[];
  const accounts = (await Promise.all(ids.map((id) => store.accounts.get(id)))).filter(
    (a): a is AccountRow => a !== undefined,
  );
  const linked = await Promise.all(
    accounts.map((a) => (a.instagram_account_id ? store.accounts.get(a.instagram_account_id) : undefined)),
  );
  return [...accounts, ...linked.filter((a): a is AccountRow => a !== undefined && !ids.includes(a.id))];
}

/** The accounts a business token reaches: its own and, for a Page, the Instagram account linked to it. */
async function tokenAccounts(
  store: Store,
  account: AccountRow,
  kind: StoredTokenKind,
): Promise<AccountRow[]> {
  const accounts: AccountRow[] = [account];
  if (kind === 'page' && account.instagram_account_id) {
    const linked = await store.accounts.get(account.instagram_account_id);
    if (linked) accounts.push(linked);
  }
  return accounts;
}

/** Looks a token up in the store; undefined when no such token exists. */
export async function resolveToken(store: Store, token: string): Promise<ResolvedToken | undefined> {
  if (token.includes('|')) return resolveAppToken(store, token);
  const row = await store.tokens.get(token);
  if (!row) return undefined;
  const [app, grant] = await Promise.all([
    store.apps.get(row.app_id),
    row.grant_id === null ? undefined : store.grants.get(row.grant_id),
  ]);
  if (!app || (row.grant_id !== null && !grant)) return undefined;
  const scopes = new Set(JSON.parse(row.scopes) as string[]);
  const revoked = grant?.revoked_at != null;
  let auth: Auth;
  if (row.kind === 'user') {
    if (!grant) return undefined;
    const person = await store.people.get(grant.person_id);
    const user = {
      id: grant.subject_id,
      person,
      grant,
      lifetime: row.lifetime,
      expiresAt: row.expires_at,
    };
    auth = { kind: 'user', app, accounts: await grantedAccounts(store, grant), scopes, user };
  } else {
    const account = await store.accounts.get(row.account_id);
    if (!account) return undefined;
    auth = { kind: row.kind, app, account, accounts: await tokenAccounts(store, account, row.kind), scopes };
  }
  return { auth: await underAccessLevel(store, auth), expiresAt: row.expires_at, revoked };
}

/**
 * Standard Access serves only accounts whose people have a role on the app (spec §11.1): the others drop out
 * of what the token reaches, and a token for one of them answers every call with 100.
 */
async function underAccessLevel(store: Store, auth: Auth): Promise<Auth> {
  if (auth.app.access_level !== 'standard') return auth;
  const served = await store.roles.servedByApp(
    auth.app.id,
    auth.accounts.map((a) => a.id),
  );
  return {
    ...auth,
    accounts: auth.accounts.filter((a) => served.has(a.id)),
    unserved: auth.account !== undefined && !served.has(auth.account.id),
  };
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
  const resolved = looksLikeToken(token) ? await lookup(token) : undefined;
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
  if (resolved.revoked) throw new GraphError('revokedAccessToken', { appId: auth.app.id });
  if (appsecretProof !== undefined) {
    const expected = createHmac('sha256', auth.app.secret).update(token).digest('hex');
    const given = Buffer.from(appsecretProof.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new GraphError('invalidAppsecretProof');
    }
  }
  return auth;
}
