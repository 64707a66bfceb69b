/**
 * Facebook Login as Meta documents it, over raw HTTP: the consent page, the dialog's refusals, the token
 * endpoint with each misstep's error, token lifetimes, and the Host headers a proxy keeps. Instagram Login,
 * debug_token, revocation and Standard Access are in login-lifecycle.test.ts; client libraries run the same
 * flows in login-clients.test.ts.
 */
import { expect, it } from 'vitest';
import { call, type HttpResult } from './support/clients.ts';
import { describeEachStore } from './support/stores.ts';
import { codeOf, query, REDIRECT, useLoginWorld } from './support/login-world.ts';

describeEachStore('Facebook Login', (kind) => {
  const { server, made, url, get, dialog, approvedLogin, facebookToken, userToken } = useLoginWorld(kind);

  it('walks the consent page as a browser would: person, Pages, allow; then the code for a token', async () => {
    const first = await dialog({ scope: 'pages_show_list,pages_messaging', state: 'st8' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(first.text).toContain('name="parley_person"');
    const consent = await dialog({
      scope: 'pages_show_list,pages_messaging',
      state: 'st8',
      parley_person: made.manager.id,
    });
    expect(consent.text).toContain(made.page.id);
    expect(consent.text).toContain(made.otherPage.id);
    const form = new URLSearchParams();
    for (const [, name, value] of consent.text.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(name!, value!.replaceAll('&#38;', '&'));
    }
    form.append('parley_account', made.page.id); // granular: one Page of two
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
    expect(accounts.body.data.map((p: { id: string }) => p.id)).toEqual([made.page.id]);
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
      client_id: made.app.id,
      redirect_uri: REDIRECT,
      parley_person: made.manager.id,
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
    const strict = await server().sandbox.createApp({ redirect_uris: ['https://made.app.example/cb'] });
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
    const debug = await get(`/debug_token?input_token=${pageToken}&access_token=${made.app.app_token}`);
    expect(debug.body.data).toMatchObject({
      type: 'PAGE',
      expires_at: 0,
      is_valid: true,
      profile_id: made.page.id,
    });
    const app2 = await facebookToken({ grant_type: 'client_credentials' });
    expect(app2.body).toEqual({ access_token: made.app.app_token, token_type: 'bearer' });
  });

  it('answers with the original Host headers a proxy keeps', async () => {
    const login = await get(
      `/v23.0/dialog/oauth?${query({ client_id: made.app.id, redirect_uri: REDIRECT, scope: 'pages_show_list' })}`,
      { host: 'www.facebook.com' },
    );
    expect(login.status).toBe(200);
    const authorize = await get(
      `/oauth/authorize?${query({ client_id: made.app.id, redirect_uri: REDIRECT })}`,
      {
        host: 'www.instagram.com',
      },
    );
    expect(authorize.text).toContain('Log in with Instagram');
    const code = codeOf(await approvedLogin('facebook', 'pages_show_list'));
    const token = await get(
      `/v23.0/oauth/access_token?${query({ client_id: made.app.id, client_secret: made.app.secret, redirect_uri: REDIRECT, code })}`,
      { host: 'graph.facebook.com' },
    );
    expect(token.body.token_type).toBe('bearer');
    const debug = await get(
      `/debug_token?input_token=${token.body.access_token}&access_token=${made.app.app_token}`,
      {
        host: 'graph.facebook.com',
      },
    );
    expect(debug.body.data.is_valid).toBe(true);
  });
});
