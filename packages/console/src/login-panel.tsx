/**
 * An app's logins in the World panel: every token it holds (kind, login, scopes, expiry, state), and "log in
 * as" a person through the real consent page. The browser comes back to the console with a code, which the
 * console exchanges as the app's server would (it knows the app's secret, as the app's own server does).
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { AppToken, WorldView } from '@parley/sandbox';
import { sandbox } from './api.ts';

type World = z.output<typeof WorldView>;
type App = World['apps'][number];
type Token = z.output<typeof AppToken>;
type Family = 'facebook' | 'instagram';

const SCOPES: Record<Family, string> = {
  facebook: 'pages_show_list,pages_messaging,pages_manage_metadata,instagram_basic,instagram_manage_messages',
  instagram: 'instagram_business_basic,instagram_business_manage_messages',
};
const STATE_PREFIX = 'parley-console';
const redirectUri = () => `${location.origin}/console/`;

/** The login the browser just came back from, if it did. */
export function loginReturn(): { family: Family; appId: string; code?: string; error?: string } | undefined {
  const query = new URLSearchParams(location.search);
  const [prefix, family, appId] = (query.get('state') ?? '').split('.');
  if (prefix !== STATE_PREFIX || (family !== 'facebook' && family !== 'instagram') || !appId)
    return undefined;
  return {
    family,
    appId,
    ...(query.get('code') && { code: query.get('code')! }),
    ...(query.get('error') && { error: query.get('error_description') ?? query.get('error')! }),
  };
}

/** Exchanges a returned code for a user token, as the app's server would. */
async function exchange(app: App, family: Family, code: string): Promise<string> {
  const params = { client_id: app.id, client_secret: app.secret, redirect_uri: redirectUri(), code };
  const response =
    family === 'facebook'
      ? await fetch(`/v23.0/oauth/access_token?${new URLSearchParams(params)}`)
      : await fetch('/oauth/access_token', {
          method: 'POST',
          body: new URLSearchParams({ ...params, grant_type: 'authorization_code' }),
        });
  const body = (await response.json()) as {
    access_token?: string;
    error?: { message: string };
    error_message?: string;
  };
  if (!body.access_token) throw new Error(body.error?.message ?? body.error_message ?? 'The exchange failed');
  return body.access_token;
}

function logIn(app: App, family: Family, personId: string) {
  const query = new URLSearchParams({
    client_id: app.id,
    redirect_uri: redirectUri(),
    state: `${STATE_PREFIX}.${family}.${app.id}`,
    scope: SCOPES[family],
    response_type: 'code',
    parley_person: personId,
  });
  location.assign(family === 'facebook' ? `/v23.0/dialog/oauth?${query}` : `/oauth/authorize?${query}`);
}

const when = (seconds: number | null) =>
  seconds === null ? 'never' : new Date(seconds * 1000).toLocaleString();

export function AppLogins(props: { app: App; people: World['people']; onError: (e: unknown) => void }) {
  const { app, people, onError } = props;
  const [tokens, setTokens] = useState<Token[]>([]);
  const [person, setPerson] = useState(people[0]?.id ?? '');
  const [result, setResult] = useState<string>();

  const read = () => void sandbox.appTokens(app.id).then((t) => setTokens(t.data), onError);
  useEffect(() => {
    const back = loginReturn();
    if (!back || back.appId !== app.id) return read();
    history.replaceState(null, '', '/console/');
    if (back.error || !back.code) {
      setResult(`Login cancelled: ${back.error ?? 'no code'}`);
      return read();
    }
    exchange(app, back.family, back.code).then((token) => {
      setResult(`Logged in with ${back.family === 'facebook' ? 'Facebook' : 'Instagram'}: ${token}`);
      read();
    }, onError);
  }, [app.id]);

  return (
    <div class="logins" data-testid="logins">
      <div class="row">
        Log in as{' '}
        <select
          value={person}
          onChange={(e) => setPerson((e.target as HTMLSelectElement).value)}
          data-testid="login-person"
        >
          {people.map((p) => (
            <option value={p.id}>{p.name ?? p.username}</option>
          ))}
        </select>{' '}
        <button onClick={() => logIn(app, 'facebook', person)}>Facebook Login</button>{' '}
        <button onClick={() => logIn(app, 'instagram', person)}>Instagram Login</button>
      </div>
      {result && (
        <div class="meta" data-testid="login-result">
          {result}
        </div>
      )}
      <table class="tokens" data-testid="app-tokens">
        <tr>
          <th>Token</th>
          <th>Kind</th>
          <th>Scopes</th>
          <th>Expires</th>
          <th>State</th>
        </tr>
        {tokens.map((t) => (
          <tr class={t.state}>
            <td title={t.access_token}>
              <code>{t.access_token.slice(0, 14)}…</code>{' '}
              <button onClick={() => void navigator.clipboard?.writeText(t.access_token)}>Copy</button>
            </td>
            <td>
              {t.kind}
              {t.login && ` · ${t.login} login`}
              {t.lifetime && ` · ${t.lifetime}-lived`}
            </td>
            <td class="meta">{t.scopes.join(', ')}</td>
            <td>{when(t.expires_at)}</td>
            <td data-testid="token-state">{t.state}</td>
          </tr>
        ))}
      </table>
    </div>
  );
}
