/**
 * Logging in as Meta documents it, over raw HTTP: Facebook Login's dialog and token endpoint, Instagram
 * Login's, token exchange and refresh, debug_token, revocation with the deauthorize callback, and Standard
 * Access — with each misstep's error. Client libraries run the same flows in login-clients.test.ts.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, uniqueName, type HttpResult } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const REDIRECT = 'http://127.0.0.1:9/callback';

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

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const codeOf = (location: string) => new URL(location).searchParams.get('code')!;

describeEachStore('Login and tokens', (kind) => {
  const server = useTestServer(kind);
  let callback: Awaited<ReturnType<typeof startCallback>>;
  let app: { id: string; secret: string; app_token: string };
  let page: { id: string };
  let otherPage: { id: string };
  let ig: { id: string };
  let manager: { id: string };

  beforeAll(async () => {
    const { sandbox } = server();
    callback = await startCallback();
    app = await sandbox.createApp({ deauthorize_callback_url: callback.url });
    ig = await sandbox.instagramAccount();
    page = await sandbox.page({ instagram_account_id: ig.id });
    otherPage = await sandbox.page();
    manager = await sandbox.user({ name: 'Robin Manager' });
    for (const [target_id, role] of [
      [app.id, 'developer'],
      [page.id, 'admin'],
      [otherPage.id, 'admin'],
      [ig.id, 'admin'],
    ]) {
      await sandbox.do('POST', '/roles', { user_id: manager.id, target_id, role });
    }
  });
  afterAll(() => callback.close());

  const url = (path: string) => `${server().url}${path}`;
  const get = (path: string, headers: Record<string, string> = {}) => call(url(path), { headers });
  const dialog = (params: Record<string, string>) =>
    get(`/v23.0/dialog/oauth?${query({ client_id: app.id, redirect_uri: REDIRECT, ...params })}`);

  /** A login approved through the sandbox: the dialog answers at once with where it redirects. */
  async function approvedLogin(
    login: 'facebook' | 'instagram',
    scope: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    await server().sandbox.do('POST', '/login/approvals', {
      app_id: app.id,
      user_id: manager.id,
      login,
      ...extra,
    });
    const path = login === 'facebook' ? '/v23.0/dialog/oauth' : '/oauth/authorize';
    const res = await get(
      `${path}?${query({ client_id: app.id, redirect_uri: REDIRECT, scope, state: 's1' })}`,
    );
    expect(res.status, res.text).toBe(302);
    return res.headers.get('location')!;
  }

  const facebookToken = (params: Record<string, string>) =>
    get(`/v23.0/oauth/access_token?${query({ client_id: app.id, client_secret: app.secret, ...params })}`);

  async function userToken(scope = 'pages_show_list,pages_messaging', extra = {}) {
    const code = codeOf(await approvedLogin('facebook', scope, extra));
    const res = await facebookToken({ redirect_uri: REDIRECT, code });
    expect(res.status, res.text).toBe(200);
    return res.body.access_token as string;
  }

  it('walks the consent page as a browser would: person, Pages, allow; then the code for a token', async () => {
    const first = await dialog({ scope: 'pages_show_list,pages_messaging', state: 'st8' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.text).toContain('name="parley_person"');
    const consent = await dialog({
      scope: 'pages_show_list,pages_messaging',
      state: 'st8',
      parley_person: manager.id,
    });
    expect(consent.text).toContain(page.id);
    expect(consent.text).toContain(otherPage.id);
    const form = new URLSearchParams();
    for (const [, name, value] of consent.text.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(name!, value!.replaceAll('&#38;', '&'));
    }
    form.append('parley_account', page.id); // granular: one Page of two
    form.append('parley_decision', 'approve');
    const posted = await call(url('/v23.0/dialog/oauth'), { method: 'POST', body: form });
    expect(posted.status).toBe(302);
    const location = posted.headers.get('location')!;
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:9\/callback\?code=AQ[\w]+&state=st8#_=_$/);

    const token = await facebookToken({ redirect_uri: REDIRECT, code: codeOf(location) });
    expect(token.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 3600,
    });
    const me = await get(`/v23.0/me?access_token=${token.body.access_token}`);
    expect(me.body).toEqual({ name: 'Robin Manager', id: expect.stringMatching(/^\d+$/) });
    const accounts = await get(`/v23.0/me/accounts?access_token=${token.body.access_token}`);
    expect(accounts.body.data.map((p: { id: string }) => p.id)).toEqual([page.id]);
  });

  it('shows the profile fields login libraries ask for, the email only when granted', async () => {
    const fields = 'id,first_name,last_name,middle_name,email,picture';
    const withEmail = await userToken('email,pages_show_list');
    const profile = (await get(`/v3.2/me?fields=${fields}&access_token=${withEmail}`)).body;
    expect(profile).toEqual({
      id: expect.stringMatching(/^\d+$/),
      first_name: 'Robin',
      last_name: 'Manager',
      email: expect.stringMatching(/@example\.com$/),
      picture: { data: { height: 50, is_silhouette: true, url: expect.any(String), width: 50 } },
    });
    const without = await userToken('pages_show_list');
    expect((await get(`/v23.0/me?fields=email&access_token=${without}`)).body).toEqual({ id: profile.id });
  });

  it('refuses a consent form posted without the page that made it (another site)', async () => {
    const form = new URLSearchParams({
      client_id: app.id,
      redirect_uri: REDIRECT,
      parley_person: manager.id,
      parley_decision: 'approve',
      parley_seal: 'forged',
    });
    const res = await call(url('/v23.0/dialog/oauth'), { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('sends a cancelled login back with access_denied and the state', async () => {
    const location = await approvedLogin('facebook', 'pages_show_list', { decision: 'deny' });
    const back = new URL(location);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state: 's1',
    });
  });

  it("shows the dialog's own errors as pages: unknown app, redirect URI not allowed, unknown scope", async () => {
    expect((await get(`/v23.0/dialog/oauth?client_id=1&redirect_uri=${REDIRECT}`)).text).toContain(
      'Invalid App ID',
    );
    const strict = await server().sandbox.createApp({ redirect_uris: ['https://app.example/cb'] });
    const blocked = await get(
      `/v23.0/dialog/oauth?${query({ client_id: strict.id, redirect_uri: REDIRECT })}`,
    );
    expect(blocked.status).toBe(400);
    expect(blocked.text).toContain('URL blocked');
    expect((await dialog({ scope: 'pages_show_list,read_minds' })).text).toContain(
      'Invalid Scopes: read_minds',
    );
  });

  it("answers each token misstep with Meta's error", async () => {
    const code = codeOf(await approvedLogin('facebook', 'pages_show_list'));
    const error = (res: HttpResult) => [res.status, res.body.error.code, res.body.error.error_subcode];
    expect(error(await facebookToken({ redirect_uri: 'http://127.0.0.1:9/other', code }))).toEqual([
      400, 100, 36008,
    ]);
    expect(error(await facebookToken({ client_secret: 'wrong', redirect_uri: REDIRECT, code }))).toEqual([
      400,
      1,
      undefined,
    ]);
    expect(error(await get(`/v23.0/oauth/access_token?client_id=42&client_secret=x&code=${code}`))).toEqual([
      400,
      101,
      undefined,
    ]);
    expect((await facebookToken({ redirect_uri: REDIRECT, code })).status).toBe(200);
    const again = await facebookToken({ redirect_uri: REDIRECT, code });
    expect(again.body.error).toMatchObject({
      message: 'This authorization code has been used.',
      code: 100,
      error_subcode: 36009,
    });
    expect(error(await facebookToken({ redirect_uri: REDIRECT, code: 'AQnope' }))).toEqual([
      400,
      100,
      undefined,
    ]);

    const late = codeOf(await approvedLogin('facebook', 'pages_show_list'));
    await server().sandbox.advanceClock(3601);
    expect(error(await facebookToken({ redirect_uri: REDIRECT, code: late }))).toEqual([400, 100, 36007]);
  });

  it('expires a short-lived user token after an hour; a long-lived one and its Page tokens last', async () => {
    const short = await userToken();
    const long = await facebookToken({ grant_type: 'fb_exchange_token', fb_exchange_token: short });
    expect(long.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    const pageToken = (await get(`/v23.0/me/accounts?access_token=${long.body.access_token}`)).body.data[0]
      .access_token;
    await server().sandbox.advanceClock(3601);
    const expired = await get(`/v23.0/me?access_token=${short}`);
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(expired.body.error.message).toMatch(/^Error validating access token: Session has expired on /);
    expect((await get(`/v23.0/me?access_token=${long.body.access_token}`)).status).toBe(200);
    const debug = await get(`/debug_token?input_token=${pageToken}&access_token=${app.app_token}`);
    expect(debug.body.data).toMatchObject({
      type: 'PAGE',
      expires_at: 0,
      is_valid: true,
      profile_id: page.id,
    });
    const app2 = await facebookToken({ grant_type: 'client_credentials' });
    expect(app2.body).toEqual({ access_token: app.app_token, token_type: 'bearer' });
  });

  it('describes tokens in debug_token, valid or not', async () => {
    const token = await userToken('pages_show_list,pages_messaging,instagram_basic');
    const debug = await get(`/v23.0/debug_token?input_token=${token}&access_token=${app.id}|${app.secret}`);
    expect(debug.body.data).toMatchObject({
      app_id: app.id,
      type: 'USER',
      application: expect.any(String),
      is_valid: true,
      expires_at: expect.any(Number),
      issued_at: expect.any(Number),
      data_access_expires_at: expect.any(Number),
      scopes: ['public_profile', 'pages_show_list', 'pages_messaging', 'instagram_basic'],
      granular_scopes: [
        { scope: 'pages_show_list', target_ids: [page.id, otherPage.id] },
        { scope: 'pages_messaging', target_ids: [page.id, otherPage.id] },
        { scope: 'instagram_basic', target_ids: [ig.id] },
      ],
      user_id: expect.stringMatching(/^\d+$/),
    });
    const unknown = await get(`/debug_token?input_token=EAAnope&access_token=${app.app_token}`);
    expect(unknown.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    const withoutApp = await get(`/debug_token?input_token=${token}`);
    expect(withoutApp.body.error.code).toBe(104);
  });

  it('ends every token of a grant when the person removes the app, and tells its deauthorize callback', async () => {
    const token = await userToken();
    const pageToken = (await get(`/v23.0/me/accounts?access_token=${token}`)).body.data[0].access_token;
    const me = (await get(`/v23.0/me?access_token=${token}`)).body;
    const before = callback.forms.length;
    const removed = await call(url(`/v23.0/me/permissions?access_token=${token}`), { method: 'DELETE' });
    expect(removed.body).toEqual({ success: true });
    for (const t of [token, pageToken]) {
      const res = await get(`/v23.0/me?access_token=${t}`);
      expect(res.body.error).toMatchObject({
        code: 190,
        error_subcode: 458,
        message: `Error validating access token: The user has not authorized application ${app.id}.`,
      });
    }
    // The callback hears of it after the answer, as Meta sends it.
    await expect.poll(() => callback.forms.length).toBe(before + 1);
    const [signature, payload] = callback.forms.at(-1)!.get('signed_request')!.split('.');
    expect(createHmac('sha256', app.secret).update(payload!).digest('base64url')).toBe(signature);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      algorithm: 'HMAC-SHA256',
      user_id: me.id,
    });
    const debug = await get(`/debug_token?input_token=${token}&access_token=${app.app_token}`);
    expect(debug.body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 458 } });
    // Logging in again makes a new grant; the old tokens stay refused.
    const fresh = await userToken();
    expect((await get(`/v23.0/me?access_token=${fresh}`)).body.id).toBe(me.id);
    expect((await get(`/v23.0/me?access_token=${token}`)).body.error.error_subcode).toBe(458);
  });

  it('tells the data deletion URL too when the person asks for their data to be deleted', async () => {
    const { sandbox } = server();
    const deleting = await sandbox.createApp({
      deauthorize_callback_url: callback.url,
      data_deletion_url: `${callback.url}?delete`,
    });
    await sandbox.do('POST', '/login/approvals', {
      app_id: deleting.id,
      user_id: manager.id,
      login: 'facebook',
    });
    const location = (
      await get(`/v23.0/dialog/oauth?${query({ client_id: deleting.id, redirect_uri: REDIRECT })}`)
    ).headers.get('location')!;
    expect(location).toContain('code=');
    const removed = await sandbox.do('POST', `/users/${manager.id}/remove-app`, {
      app_id: deleting.id,
      delete_data: true,
    });
    expect(removed).toMatchObject({ removed: 1, callbacks: [{ status: 200 }, { status: 200 }] });
    expect(removed.callbacks.map((c: { url: string }) => c.url)).toEqual([
      callback.url,
      `${callback.url}?delete`,
    ]);
  });

  it('answers with the original Host headers a proxy keeps', async () => {
    const login = await get(
      `/v23.0/dialog/oauth?${query({ client_id: app.id, redirect_uri: REDIRECT, scope: 'pages_show_list' })}`,
      { host: 'www.facebook.com' },
    );
    expect(login.status).toBe(200);
    const authorize = await get(`/oauth/authorize?${query({ client_id: app.id, redirect_uri: REDIRECT })}`, {
      host: 'www.instagram.com',
    });
    expect(authorize.text).toContain('Log in with Instagram');
    const code = codeOf(await approvedLogin('facebook', 'pages_show_list'));
    const token = await get(
      `/v23.0/oauth/access_token?${query({ client_id: app.id, client_secret: app.secret, redirect_uri: REDIRECT, code })}`,
      { host: 'graph.facebook.com' },
    );
    expect(token.body.token_type).toBe('bearer');
    const debug = await get(
      `/debug_token?input_token=${token.body.access_token}&access_token=${app.app_token}`,
      {
        host: 'graph.facebook.com',
      },
    );
    expect(debug.body.data.is_valid).toBe(true);
  });

  it('withdraws one permission at a time', async () => {
    const token = await userToken();
    await call(url(`/v23.0/me/permissions/pages_show_list?access_token=${token}`), { method: 'DELETE' });
    const left = await get(`/v23.0/me/permissions?access_token=${token}`);
    expect(left.body.data.map((p: { permission: string }) => p.permission)).toEqual([
      'public_profile',
      'pages_messaging',
    ]);
    expect((await get(`/v23.0/me/accounts?access_token=${token}`)).body.data).toEqual([]);
  });

  it('runs Instagram Login: consent, the code exchange on api.instagram.com, exchange and refresh', async () => {
    const location = await approvedLogin(
      'instagram',
      'instagram_business_basic,instagram_business_manage_messages',
      {
        account_ids: [ig.id],
      },
    );
    expect(location).toMatch(/\?code=AQ\w+&state=s1#_$/);
    const form = {
      client_id: app.id,
      client_secret: app.secret,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      code: codeOf(location),
    };
    const exchange = (body: Record<string, string>) =>
      call(url('/oauth/access_token'), {
        method: 'POST',
        headers: { host: 'api.instagram.com' },
        body: new URLSearchParams(body),
      });
    const short = await exchange(form);
    expect(short.body).toEqual({
      access_token: expect.stringMatching(/^IGAA/),
      user_id: expect.stringMatching(/^\d+$/),
      permissions: ['instagram_business_basic', 'instagram_business_manage_messages'],
    });
    expect((await exchange(form)).body).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'This authorization code has been used',
    });
    expect((await exchange({ ...form, client_secret: 'nope' })).body.error_message).toBe(
      'Error validating client secret.',
    );
    const me = await get(`/v23.0/me?fields=user_id&access_token=${short.body.access_token}`, {
      host: 'graph.instagram.com',
    });
    expect(me.body.user_id).toBe(ig.id);

    const ig1 = { host: 'graph.instagram.com' };
    const long = await get(
      `/access_token?${query({ grant_type: 'ig_exchange_token', client_secret: app.secret, access_token: short.body.access_token })}`,
      ig1,
    );
    expect(long.body).toEqual({
      access_token: expect.stringMatching(/^IGAA/),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    const refresh = () =>
      get(`/refresh_access_token?grant_type=ig_refresh_token&access_token=${long.body.access_token}`, ig1);
    const early = await refresh();
    expect(early.body.error).toMatchObject({ code: 190 });
    await server().sandbox.advanceClock(25 * 3600);
    expect((await refresh()).body).toMatchObject({ token_type: 'bearer', expires_in: 5183944 });
  });

  it('serves, under Standard Access, only accounts whose people have a role on the app', async () => {
    const { sandbox } = server();
    const standard = await sandbox.createApp({ access_level: 'standard' });
    const shop = await sandbox.instagramAccount();
    const token = (await sandbox.token(standard.id, shop.id)).access_token;
    const refused = await get(`/v23.0/me?access_token=${token}`, { host: 'graph.instagram.com' });
    expect(refused.body.error).toMatchObject({
      code: 100,
      message: 'Unsupported request - method type: get',
    });
    const owner = await sandbox.user({ username: uniqueName('owner').slice(0, 30) });
    await sandbox.do('POST', '/roles', { user_id: owner.id, target_id: shop.id, role: 'admin' });
    await sandbox.do('POST', '/roles', { user_id: owner.id, target_id: standard.id, role: 'tester' });
    expect((await get(`/v23.0/me?access_token=${token}`)).status).toBe(200);
    await sandbox.do('DELETE', '/roles', { user_id: owner.id, target_id: standard.id });
    expect((await get(`/v23.0/me?access_token=${token}`)).body.error.code).toBe(100);
  });

  it('lists an app’s tokens with their kind, login, scopes, expiry and state for the console', async () => {
    await userToken();
    const { data } = await server().sandbox.do('GET', `/apps/${app.id}/tokens`);
    expect(data).toContainEqual(
      expect.objectContaining({ kind: 'user', login: 'facebook', lifetime: 'short', state: 'valid' }),
    );
    expect(data).toContainEqual(expect.objectContaining({ state: 'revoked' }));
  });
});
