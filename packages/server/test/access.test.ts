/** Who sees what: tokens see only their own account's data; permissions, expiry, profiles and consent. */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Access and profiles', (kind) => {
  const server = useTestServer(kind);
  let mine: Awaited<ReturnType<typeof createBusiness>>;
  let theirs: Awaited<ReturnType<typeof createBusiness>>;
  let igThread: { conversation_id: string; message_id: string; sender_id: string };
  let fbThread: { conversation_id: string; message_id: string; sender_id: string };
  let person: { id: string };

  beforeAll(async () => {
    const { sandbox } = server();
    mine = await createBusiness(sandbox);
    theirs = await createBusiness(sandbox);
    person = await sandbox.user({ name: 'Kai Moreno', follower_count: 321, is_verified: true });
    await sandbox.follow(person.id, mine.ig.id);
    igThread = await sandbox.send(person.id, mine.ig.id, 'hello shop');
    fbThread = await sandbox.send(person.id, mine.page.id, 'hello page');
  });

  it("keeps every business out of another's conversations, messages, people and accounts", async () => {
    const { graph } = server();
    const paths = [
      `/v23.0/${igThread.conversation_id}`,
      `/v23.0/${igThread.conversation_id}/messages`,
      `/v23.0/${igThread.message_id}`,
      `/v23.0/${igThread.sender_id}`,
      `/v23.0/${mine.ig.id}`,
      `/v23.0/${mine.ig.id}/conversations`,
      `/v23.0/${fbThread.conversation_id}`,
      `/v23.0/${fbThread.message_id}`,
      `/v23.0/${mine.page.id}/conversations`,
      `/v23.0/${mine.app.id}`,
    ];
    for (const token of [theirs.igToken, theirs.pageToken]) {
      for (const path of paths) {
        const res = await graph.get(path, {}, { token });
        expect(res.status, path).toBe(400);
        expect(res.body.error, path).toMatchObject({ code: 100, error_subcode: 33 });
      }
    }
    // The person is known to the other business only by another scoped id, once they write to it.
    const hello = await server().sandbox.send(person.id, theirs.ig.id, 'hi other shop');
    expect(hello.sender_id).not.toBe(igThread.sender_id);
  });

  it('lets an Instagram token see only Instagram, and a Page token both its Messenger and its linked Instagram', async () => {
    const { graph } = server();
    expect(
      (await graph.get(`/v23.0/${fbThread.conversation_id}`, {}, { token: mine.igToken })).body.error.code,
    ).toBe(100);
    expect(
      (await graph.get(`/v23.0/${igThread.conversation_id}`, {}, { token: mine.pageToken })).status,
    ).toBe(200);
    expect((await graph.get(`/v23.0/${fbThread.message_id}`, {}, { token: mine.pageToken })).status).toBe(
      200,
    );
  });

  it('answers a missing permission as Meta does', async () => {
    const { graph, sandbox } = server();
    const basicOnly = (await sandbox.token(mine.app.id, mine.ig.id, { scopes: ['instagram_business_basic'] }))
      .access_token;
    const ig = await graph.get('/v23.0/me/conversations', {}, { token: basicOnly });
    expect(ig.status).toBe(403);
    expect(ig.body.error).toMatchObject({
      code: 10,
      type: 'IGApiException',
      message: '(#10) Application does not have permission for this action',
    });
    expect((await graph.get('/v23.0/me', { fields: 'username' }, { token: basicOnly })).status).toBe(200);

    const noMessaging = (
      await sandbox.token(mine.app.id, mine.page.id, { scopes: ['pages_show_list', 'instagram_basic'] })
    ).access_token;
    const fb = await graph.get('/v23.0/me/conversations', {}, { token: noMessaging });
    expect(fb.status).toBe(403);
    expect(fb.body.error).toMatchObject({
      code: 200,
      type: 'OAuthException',
      message: '(#200) Requires pages_messaging permission to manage the object',
    });
    const fbIg = await graph.get(
      '/v23.0/me/conversations',
      { platform: 'instagram' },
      { token: noMessaging },
    );
    expect(fbIg.body.error.message).toBe(
      '(#200) Requires instagram_manage_messages permission to manage the object',
    );
    expect(
      (await graph.get(`/v23.0/${fbThread.message_id}`, {}, { token: noMessaging })).body.error.code,
    ).toBe(200);
  });

  it('expires tokens by the sandbox clock, in Meta’s words', async () => {
    const { graph, sandbox } = server();
    const token = await sandbox.token(mine.app.id, mine.ig.id, { expires_in: 3600 });
    expect(token.expires_at).toEqual(expect.any(Number));
    expect((await graph.get('/v23.0/me', {}, { token: token.access_token })).status).toBe(200);
    await sandbox.advanceClock(3601);
    const res = await graph.get('/v23.0/me', {}, { token: token.access_token });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    expect(res.body.error.message).toMatch(
      /^Error validating access token: Session has expired on \w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d P[SD]T\. The current time is \w+day, .+\.$/,
    );
  });

  it('reads the account: /me on Instagram Login gives the app-scoped id and user_id; /me on a Page the Page', async () => {
    const { graph } = server();
    const me = await graph.get(
      '/v23.0/me',
      { fields: 'id,user_id,username,name,account_type,followers_count' },
      { token: mine.igToken },
    );
    expect(me.body).toEqual({
      id: mine.ig.app_scoped_id,
      user_id: mine.ig.id,
      username: mine.ig.username,
      name: mine.ig.username,
      account_type: 'BUSINESS',
      followers_count: 0,
    });
    expect((await graph.get('/v23.0/me', {}, { token: mine.igToken })).body).toEqual({
      id: mine.ig.app_scoped_id,
    });
    for (const id of [mine.ig.id, mine.ig.app_scoped_id]) {
      expect(
        (await graph.get(`/v23.0/${id}`, { fields: 'username' }, { token: mine.igToken })).body.username,
      ).toBe(mine.ig.username);
    }
    const page = await graph.get(
      '/v23.0/me',
      { fields: 'name,instagram_business_account' },
      { token: mine.pageToken },
    );
    expect(page.body).toEqual({
      name: mine.page.name,
      instagram_business_account: { id: mine.ig.id },
      id: mine.page.id,
    });
    expect((await graph.get('/v23.0/me', {}, { token: mine.pageToken })).body).toEqual({
      name: mine.page.name,
      id: mine.page.id,
    });
    const igViaPage = await graph.get(
      `/v23.0/${mine.ig.id}`,
      { fields: 'id,username' },
      { token: mine.pageToken },
    );
    expect(igViaPage.body).toEqual({ id: mine.ig.id, username: mine.ig.username });
  });

  it('answers the app node to the app’s own token, and refuses /me to it', async () => {
    const { graph } = server();
    const app = await graph.get(`/v23.0/${mine.app.id}`, {}, { token: mine.app.app_token });
    expect(app.body).toEqual({ name: mine.app.name, id: mine.app.id });
    const withSecret = await graph.get(
      `/v23.0/${mine.app.id}`,
      {},
      { token: `${mine.app.id}|${mine.app.secret}` },
    );
    expect(withSecret.status).toBe(200);
    expect((await graph.get('/v23.0/me', {}, { token: mine.app.app_token })).body.error.code).toBe(2500);
    expect((await graph.get('/v23.0/me', {}, { token: `${mine.app.id}|wrong` })).body.error.code).toBe(190);
  });

  it('shows a profile by IGSID to the account the person wrote to', async () => {
    const { graph } = server();
    const fields =
      'name,username,profile_pic,follower_count,is_user_follow_business,is_business_follow_user,is_verified_user';
    const res = await graph.get(`/v23.0/${igThread.sender_id}`, { fields }, { token: mine.igToken });
    expect(res.body).toEqual({
      name: 'Kai Moreno',
      username: expect.any(String),
      follower_count: 321,
      is_user_follow_business: true,
      is_business_follow_user: false,
      is_verified_user: true,
      id: igThread.sender_id,
    });
    const psid = await graph.get(`/v23.0/${fbThread.sender_id}`, {}, { token: mine.pageToken });
    expect(psid.body).toEqual({ first_name: 'Kai', last_name: 'Moreno', id: fbThread.sender_id });
    // Locale, timezone and gender need their own permissions (in a sandbox Page token's defaults).
    const extra = { fields: 'first_name,locale' };
    expect((await graph.get(`/v23.0/${fbThread.sender_id}`, extra, { token: mine.pageToken })).status).toBe(
      200,
    );
    const { sandbox } = server();
    const messagingOnly = (await sandbox.token(mine.app.id, mine.page.id, { scopes: ['pages_messaging'] }))
      .access_token;
    const refused = await graph.get(`/v23.0/${fbThread.sender_id}`, extra, { token: messagingOnly });
    expect(refused.body.error).toMatchObject({
      code: 100,
      error_subcode: 2018247,
      message: '(#100) Insufficient permission to access user profile.',
    });
  });

  it('refuses a profile without consent with 230', async () => {
    const { graph, sandbox } = server();
    await sandbox.do('POST', '/seed', {
      users: [
        { key: 'shy', username: `shy_${Date.now()}`, scoped_ids: { [mine.ig.id]: '6999000000000001' } },
      ],
    });
    const res = await graph.get('/v23.0/6999000000000001', { fields: 'name' }, { token: mine.igToken });
    expect(res.body.error).toMatchObject({
      code: 230,
      message: 'User consent is required to access user profile',
    });
  });

  it('draws ids at random, not in sequence', async () => {
    const { sandbox } = server();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await sandbox.send((await sandbox.user()).id, mine.ig.id, 'x')).sender_id);
    const gaps = ids.slice(1).map((id, i) => Math.abs(Number(BigInt(id) - BigInt(ids[i]!))));
    expect(gaps.every((gap) => gap > 1000)).toBe(true);
  });
});
