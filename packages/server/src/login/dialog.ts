/**
 * The login dialog's decisions, apart from HTTP and HTML: reading a dialog request as Meta checks it, which
 * accounts a person may grant, and where the browser goes back to (with a code, a token, or the refusal).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccountRow, AppRow, LoginFamily, PersonRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { consentTo } from './grants.ts';
import { issueUserToken } from './exchange.ts';
import { DATA_ACCESS_MS, secondsUntil } from './lifetimes.ts';
import { readScope } from './permissions.ts';

export interface DialogRequest {
  readonly family: LoginFamily;
  readonly app: AppRow;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly scopes: readonly string[];
  /** `code` (the server-side flow) or, on Facebook, `token` (the implicit flow). */
  readonly responseType: 'code' | 'token';
}

/** A request the dialog cannot go on with: shown as a page, never redirected. */
export class DialogRefusal {
  constructor(
    readonly title: string,
    readonly detail: string,
  ) {}
}

function absoluteHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Reads a dialog's query as Meta's dialog does, or says why it cannot go on. */
export async function readDialog(
  store: Store,
  family: LoginFamily,
  query: Readonly<Record<string, string>>,
): Promise<DialogRequest | DialogRefusal> {
  const clientId = query.client_id ?? query.app_id ?? '';
  const app = /^\d{1,20}$/.test(clientId) ? await store.apps.get(clientId) : undefined;
  if (!app)
    return new DialogRefusal('Invalid App ID', 'The provided app ID does not look like a valid app ID.');
  const redirectUri = query.redirect_uri ?? '';
  const allowed = JSON.parse(app.redirect_uris) as string[];
  if (!absoluteHttpUrl(redirectUri) || (allowed.length > 0 && !allowed.includes(redirectUri))) {
    return new DialogRefusal(
      'URL blocked',
      "This redirect failed because the redirect URI is not white-listed in the app's client OAuth settings. " +
        'Make sure that the client and web OAuth logins are on and add all your app domains as valid OAuth redirect URIs.',
    );
  }
  const { scopes, invalid } = readScope(query.scope, family);
  if (invalid.length > 0) {
    return new DialogRefusal(
      'Invalid Scopes',
      `Invalid Scopes: ${invalid.join(', ')}. This message is only shown to developers.`,
    );
  }
  const type = query.response_type ?? 'code';
  if (type !== 'code' && !(family === 'facebook' && type === 'token')) {
    return new DialogRefusal('Unsupported response type', `response_type ${type} is not supported.`);
  }
  return { family, app, redirectUri, state: query.state, scopes, responseType: type };
}

/** The accounts a person may grant in this login: Pages (Facebook) or Instagram accounts they have a role on. */
export async function grantableAccounts(
  store: Store,
  family: LoginFamily,
  person: PersonRow,
): Promise<AccountRow[]> {
  const roles = await store.roles.listOfPerson(person.id);
  const accounts = await Promise.all(roles.map((r) => store.accounts.get(r.target_id)));
  const type = family === 'facebook' ? 'page' : 'instagram';
  return accounts.filter((a): a is AccountRow => a?.type === type);
}

/** People to offer on the login page: those with a role on an account first. */
export async function loginCandidates(store: Store): Promise<PersonRow[]> {
  const [people, roles] = await Promise.all([store.people.list(200), store.roles.list()]);
  const managing = new Set(roles.map((r) => r.person_id));
  return [...people.filter((p) => managing.has(p.id)), ...people.filter((p) => !managing.has(p.id))];
}

/** A value only this server can make, tying a consent form to its dialog (no other site can post one). */
export function consentSeal(secret: Buffer, request: DialogRequest, personId: string): string {
  return createHmac('sha256', secret)
    .update([request.family, request.app.id, request.redirectUri, personId].join('\n'))
    .digest('base64url');
}

export function sealMatches(secret: Buffer, request: DialogRequest, personId: string, seal: string) {
  const expected = Buffer.from(consentSeal(secret, request, personId));
  const given = Buffer.from(seal);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function redirectTo(uri: string, query: Record<string, string | undefined>, fragment: string): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  url.hash = fragment;
  return url.toString();
}

/** Where a declined login sends the browser back to. */
export function deniedRedirect(request: DialogRequest): string {
  const instagram = request.family === 'instagram';
  return redirectTo(
    request.redirectUri,
    {
      error: 'access_denied',
      error_code: instagram ? undefined : '200',
      error_description: instagram ? 'The user denied your request.' : 'Permissions error',
      error_reason: 'user_denied',
      state: request.state,
    },
    instagram ? '_' : '_=_',
  );
}

/** Records the person's consent and answers where the browser goes back to, with a code (or a token). */
export async function approvedRedirect(
  store: Store,
  request: DialogRequest,
  person: PersonRow,
  targetIds: readonly string[],
  now: number,
  scopes: readonly string[] = request.scopes,
): Promise<string> {
  const code = await consentTo(
    store,
    { app: request.app, family: request.family, person, scopes, targetIds, redirectUri: request.redirectUri },
    now,
  );
  if (request.responseType === 'code') {
    return redirectTo(
      request.redirectUri,
      { code, state: request.state },
      request.family === 'instagram' ? '_' : '_=_',
    );
  }
  // The implicit flow: the token itself, in the fragment, as Facebook's JavaScript SDK reads it.
  const codeRow = await store.grants.getCode(code);
  const grant = codeRow && (await store.grants.get(codeRow.grant_id));
  await store.grants.useCode(code, now);
  const token = await issueUserToken(store, grant!, 'short', now);
  const fragment = new URLSearchParams({
    access_token: token.token,
    data_access_expiration_time: String(Math.floor((now + DATA_ACCESS_MS) / 1000)),
    expires_in: String(secondsUntil(token.expires_at!, now)),
    ...(request.state !== undefined && { state: request.state }),
  });
  return redirectTo(request.redirectUri, {}, fragment.toString());
}
