/**
 * What follows a login, over raw HTTP: Instagram Login's exchange and refresh, debug_token, a person removing
 * the app (the deauthorize and data deletion callbacks) or withdrawing one permission, Standard Access, and an
 * app's tokens as the console lists them.
 */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { call, uniqueName } from './support/clients.ts';
import { describeEachStore } from './support/stores.ts';
import { codeOf, query, REDIRECT, useLoginWorld } from './support/login-world.ts';

describeEachStore('Login lifecycle', (kind) => {
  const { server, made, url, get, approvedLogin, userToken } = useLoginWorld(kind);

  it('describes tokens in debug_token, valid or not', async () => {
    const token = await userToken('pages_show_list,pages_messaging,instagram_basic');
    const debug = await get(
      `/v23.0/debug_token?input_token=${token}&access_token=${made.app.id}|${made.app.secret}`,
    );
    expect(debug.body.data).toMatchObject({
      app_id: made.app.id,
      type: 'USER',
      application: expect.any(String),
      is_valid: true,
      expires_at: expect.any(Number),
      issued_at: expect.any(Number),
      data_access_expires_at: expect.any(Number),
      scopes: ['public_profile', 'pages_show_list', 'pages_messaging', 'instagram_basic'],
      granular_scopes: [
        { scope: 'pages_show_list', target_ids: [made.page.id, made.otherPage.id] },
        { scope: 'pages_messaging', target_ids: [made.page.id, made.otherPage.id] },
        { scope: 'instagram_basic', target_ids: [made.ig.id] },
      ],
      user_id: expect.stringMatching(/^\d+$/),
    });
    const unknown = await get(`/debug_token?input_token=EAAnope&access_token=${made.app.app_token}`);
    expect(unknown.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    const withoutApp = await get(`/debug_token?input_token=${token}`);
    expect(withoutApp.body.error.code).toBe(104);
  });

  it('ends every token of a grant when the person removes the app, and tells its deauthorize callback', async () => {
    const token = await userToken();
    const pageToken = (await get(`/v23.0/me/accounts?access_token=${token}`)).body.data[0].access_token;
    const me = (await get(`/v23.0/me?access_token=${token}`)).body;
    const before = made.callback.forms.length;
    const removed = await call(url(`/v23.0/me/permissions?access_token=${token}`), { method: 'DELETE' });
    expect(removed.body).toEqual({ success: true });
    for (const t of [token, pageToken]) {
      const res = await get(`/v23.0/me?access_token=${t}`);
      expect(res.body.error).toMatchObject({
        code: 190,
        error_subcode: 458,
        message: `Error validating access token: The user has not authorized application ${made.app.id}.`,
      });
    }
    // The callback hears of it after the answer, as Meta sends it.
    await expect.poll(() => made.callback.forms.length).toBe(before + 1);
    const [signature, payload] = made.callback.forms.at(-1)!.get('signed_request')!.split('.');
    expect(createHmac('sha256', made.app.secret).update(payload!).digest('base64url')).toBe(signature);
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      algorithm: 'HMAC-SHA256',
      user_id: me.id,
    });
    const debug = await get(`/debug_token?input_token=${token}&access_token=${made.app.app_token}`);
    expect(debug.body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 458 } });
    // Logging in again makes a new grant; the old tokens stay refused.
    const fresh = await userToken();
    expect((await get(`/v23.0/me?access_token=${fresh}`)).body.id).toBe(me.id);
    expect((await get(`/v23.0/me?access_token=${token}`)).body.error.error_subcode).toBe(458);
  });

  it('tells the data deletion URL too when the person asks for their data to be deleted', async () => {
    const { sandbox } = server();
    const deleting = await sandbox.createApp({
      deauthorize_callback_url: made.callback.url,
      data_deletion_url: `${made.callback.url}?delete`,
    });
    await sandbox.do('POST', '/login/approvals', {
      app_id: deleting.id,
      user_id: made.manager.id,
      login: 'facebook',
    });
    const location = (
      await get(`/v23.0/dialog/oauth?${query({ client_id: deleting.id, redirect_uri: REDIRECT })}`)
    ).headers.get('location')!;
    expect(location).toContain('code=');
    const removed = await sandbox.do('POST', `/users/${made.manager.id}/remove-app`, {
      app_id: deleting.id,
      delete_data: true,
    });
    expect(removed).toMatchObject({ removed: 1, callbacks: [{ status: 200 }, { status: 200 }] });
    expect(removed.callbacks.map((c: { url: string }) => c.url)).toEqual([
      made.callback.url,
      `${made.callback.url}?delete`,
    ]);
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
        account_ids: [made.ig.id],
      },
    );
    expect(location).toMatch(/\?code=AQ\w+&state=s1#_$/);
    const form = {
      client_id: made.app.id,
      client_secret: made.app.secret,
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
    expect(me.body.user_id).toBe(made.ig.id);

    const ig1 = { host: 'graph.instagram.com' };
    const long = await get(
      `/access_token?${query({ grant_type: 'ig_exchange_token', client_secret: made.app.secret, access_token: short.body.access_token })}`,
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
    const { data } = await server().sandbox.do('GET', `/apps/${made.app.id}/tokens`);
    expect(data).toContainEqual(
      expect.objectContaining({ kind: 'user', login: 'facebook', lifetime: 'short', state: 'valid' }),
    );
    expect(data).toContainEqual(expect.objectContaining({ state: 'revoked' }));
  });
});
