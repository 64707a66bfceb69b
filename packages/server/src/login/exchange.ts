/**
 * The token endpoints' work, apart from HTTP: checking the client, redeeming a code once, and issuing,
 * exchanging and refreshing user tokens. Facebook Login and Instagram Login share it; each names its own
 * errors (Instagram's api.instagram.com has its own texts).
 */
import { timingSafeEqual } from 'node:crypto';
import { GraphError, type ErrorKey } from '@parley/protocol';
import { looksLikeToken } from '../auth/authenticate.ts';
import { newId } from '../graph/ids.ts';
import type { AppRow, GrantRow, LoginFamily, TokenLifetime, TokenRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { grantScopes } from './grants.ts';
import { CODE_TTL_MS, LONG_LIVED_MS, REFRESH_MIN_AGE_MS, SHORT_LIVED_MS } from './lifetimes.ts';

export interface LoginErrors {
  readonly invalidClient: ErrorKey;
  readonly invalidSecret: ErrorKey;
  readonly missing: ErrorKey;
  readonly codeNotFound: ErrorKey;
  readonly codeUsed: ErrorKey;
  readonly codeExpired: ErrorKey;
  readonly redirectMismatch: ErrorKey;
}

export const FACEBOOK_LOGIN_ERRORS: LoginErrors = {
  invalidClient: 'oauthInvalidClientId',
  invalidSecret: 'oauthInvalidClientSecret',
  missing: 'oauthMissingParameter',
  codeNotFound: 'oauthInvalidCode',
  codeUsed: 'oauthCodeUsed',
  codeExpired: 'oauthCodeExpired',
  redirectMismatch: 'oauthRedirectUriMismatch',
};

export const INSTAGRAM_LOGIN_ERRORS: LoginErrors = {
  invalidClient: 'instagramLoginInvalidClient',
  invalidSecret: 'instagramLoginInvalidSecret',
  missing: 'instagramLoginMissingParameter',
  codeNotFound: 'instagramLoginCodeNotFound',
  codeUsed: 'instagramLoginCodeUsed',
  codeExpired: 'instagramLoginCodeExpired',
  redirectMismatch: 'instagramLoginRedirectUriMismatch',
};

/** Compares a client secret in constant time. */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A required text parameter, or the login's "missing" error. */
export function required(params: Readonly<Record<string, unknown>>, name: string, errors: LoginErrors) {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new GraphError(errors.missing, { name });
  return value;
}

/** The app a `client_id` names, when `client_secret` is its secret. */
export async function checkClient(
  store: Store,
  params: Readonly<Record<string, unknown>>,
  errors: LoginErrors,
): Promise<AppRow> {
  const clientId = required(params, 'client_id', errors);
  const app = /^\d{1,20}$/.test(clientId) ? await store.apps.get(clientId) : undefined;
  if (!app) throw new GraphError(errors.invalidClient);
  const secret = required(params, 'client_secret', errors);
  if (!sameSecret(app.secret, secret)) throw new GraphError(errors.invalidSecret);
  return app;
}

/** A code as a client sends it back (Instagram's redirect ends it with `#_`), with the grant it was issued for. */
export async function findCode(store: Store, sent: string) {
  const code = sent.replace(/#_$/, '');
  const row = code.length <= 512 ? await store.grants.getCode(code) : undefined;
  const grant = row && (await store.grants.get(row.grant_id));
  return { code, row, grant };
}

/** The grant a code was issued for, once: the code is then spent. */
export async function redeemCode(
  store: Store,
  input: { app: AppRow; family: LoginFamily; code: string; redirectUri: string | undefined; now: number },
  errors: LoginErrors,
): Promise<GrantRow> {
  const { app, family, now } = input;
  const { code, row, grant } = await findCode(store, input.code);
  if (!row || !grant || grant.app_id !== app.id || grant.family !== family) {
    throw new GraphError(errors.codeNotFound);
  }
  if (row.used_at !== null) throw new GraphError(errors.codeUsed);
  if (now - row.created_at > CODE_TTL_MS) throw new GraphError(errors.codeExpired);
  if (input.redirectUri !== row.redirect_uri) throw new GraphError(errors.redirectMismatch);
  if (grant.revoked_at !== null) throw new GraphError(errors.codeNotFound);
  if (!(await store.grants.useCode(code, now))) throw new GraphError(errors.codeUsed);
  return grant;
}

/** A user token for a grant: Facebook Login's user token, or Instagram Login's token for its account. */
export async function issueUserToken(
  store: Store,
  grant: GrantRow,
  lifetime: TokenLifetime,
  now: number,
): Promise<TokenRow> {
  const instagram = grant.family === 'instagram';
  const token: TokenRow = {
    token: instagram ? newId.instagramUserToken() : newId.userToken(),
    app_id: grant.app_id,
    account_id: instagram ? grant.subject_id : '',
    kind: instagram ? 'instagram' : 'user',
    scopes: JSON.stringify(grantScopes(grant)),
    expires_at: now + (lifetime === 'long' ? LONG_LIVED_MS : SHORT_LIVED_MS),
    created_at: now,
    grant_id: grant.id,
    lifetime,
  };
  await store.tokens.insert(token);
  return token;
}

/**
 * The user token a client wants exchanged or refreshed, with the grant it came from, still valid; `refused`
 * answers a token no login made.
 */
async function loginToken(store: Store, app: AppRow, token: string, now: number, refused: ErrorKey) {
  const row = looksLikeToken(token) ? await store.tokens.get(token) : undefined;
  const grant = row?.grant_id ? await store.grants.get(row.grant_id) : undefined;
  if (!row || row.app_id !== app.id) throw new GraphError('invalidAccessToken');
  if (row.expires_at !== null && row.expires_at <= now) throw new GraphError('invalidAccessToken');
  if (!grant) throw new GraphError(refused);
  if (grant.revoked_at !== null) throw new GraphError('revokedAccessToken', { appId: app.id });
  return { row, grant };
}

/** `fb_exchange_token` and `ig_exchange_token`: a short-lived user token for a long-lived one. */
export async function exchangeForLongLived(
  store: Store,
  input: { app: AppRow; family: LoginFamily; token: string; now: number },
): Promise<TokenRow> {
  const { row, grant } = await loginToken(store, input.app, input.token, input.now, 'tokenNotExchangeable');
  const exchangeable =
    grant.family === input.family &&
    (input.family === 'facebook' ? row.kind === 'user' : row.lifetime === 'short');
  if (!exchangeable) throw new GraphError('tokenNotExchangeable');
  return issueUserToken(store, grant, 'long', input.now);
}

/** `ig_refresh_token`: a long-lived Instagram token at least a day old, for another 60 days. */
export async function refreshLongLived(
  store: Store,
  input: { app: AppRow; token: string; now: number },
): Promise<TokenRow> {
  const { row, grant } = await loginToken(store, input.app, input.token, input.now, 'tokenNotRefreshable');
  const refreshable =
    grant.family === 'instagram' &&
    row.lifetime === 'long' &&
    input.now - row.created_at >= REFRESH_MIN_AGE_MS;
  if (!refreshable) throw new GraphError('tokenNotRefreshable');
  return issueUserToken(store, grant, 'long', input.now);
}
