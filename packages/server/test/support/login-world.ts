/**
 * The world the login tests share: an app with a deauthorize callback, an Instagram account, two Pages (one
 * linked to it), and a person who manages them all and has a role on the app; with the requests the tests
 * make of the login endpoints.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { call } from './clients.ts';
import { useTestServer } from './server.ts';
import type { StoreKind } from './stores.ts';

export const REDIRECT = 'http://127.0.0.1:9/callback';

export const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
export const codeOf = (location: string) => new URL(location).searchParams.get('code')!;

/** An app's deauthorize callback: keeps each form POST. */
async function startCallback() {
  const forms: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      forms.push(new URLSearchParams(body));
      res.end('{"url":"https://example.com/status","confirmation_code":"abc"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deauthorize`;
  return { url, forms, close: () => new Promise((resolve) => server.close(resolve)) };
}

interface Made {
  callback: Awaited<ReturnType<typeof startCallback>>;
  app: { id: string; secret: string; app_token: string };
  page: { id: string };
  otherPage: { id: string };
  ig: { id: string };
  manager: { id: string };
}

export function useLoginWorld(kind: StoreKind) {
  const server = useTestServer(kind);
  const made = {} as Made;

  beforeAll(async () => {
    const { sandbox } = server();
    made.callback = await startCallback();
    made.app = await sandbox.createApp({ deauthorize_callback_url: made.callback.url });
    made.ig = await sandbox.instagramAccount();
    made.page = await sandbox.page({ instagram_account_id: made.ig.id });
    made.otherPage = await sandbox.page();
    made.manager = await sandbox.user({ name: 'Robin Manager' });
    for (const [target_id, role] of [
      [made.app.id, 'developer'],
      [made.page.id, 'admin'],
      [made.otherPage.id, 'admin'],
      [made.ig.id, 'admin'],
    ]) {
      await sandbox.do('POST', '/roles', { user_id: made.manager.id, target_id, role });
    }
  });
  afterAll(() => made.callback?.close());

  const url = (path: string) => `${server().url}${path}`;
  const get = (path: string, headers: Record<string, string> = {}) => call(url(path), { headers });

  /** A login approved through the sandbox: the dialog answers at once with where it redirects. */
  async function approvedLogin(
    login: 'facebook' | 'instagram',
    scope: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    await server().sandbox.do('POST', '/login/approvals', {
      app_id: made.app.id,
      user_id: made.manager.id,
      login,
      ...extra,
    });
    const path = login === 'facebook' ? '/v23.0/dialog/oauth' : '/oauth/authorize';
    const res = await get(
      `${path}?${query({ client_id: made.app.id, redirect_uri: REDIRECT, scope, state: 's1' })}`,
    );
    expect(res.status, res.text).toBe(302);
    return res.headers.get('location')!;
  }

  const facebookToken = (params: Record<string, string>) =>
    get(
      `/v23.0/oauth/access_token?${query({ client_id: made.app.id, client_secret: made.app.secret, ...params })}`,
    );

  return {
    server,
    made,
    url,
    get,
    approvedLogin,
    facebookToken,
    dialog: (params: Record<string, string>) =>
      get(`/v23.0/dialog/oauth?${query({ client_id: made.app.id, redirect_uri: REDIRECT, ...params })}`),
    /** A Facebook user token from a login approved ahead. */
    async userToken(scope = 'pages_show_list,pages_messaging', extra = {}) {
      const code = codeOf(await approvedLogin('facebook', scope, extra));
      const res = await facebookToken({ redirect_uri: REDIRECT, code });
      expect(res.status, res.text).toBe(200);
      return res.body.access_token as string;
    },
  };
}
