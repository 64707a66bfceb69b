/** The sandbox control plane's fixed contract, its clock, reset and seeds, and its admin token. */
import { describe, expect, it } from 'vitest';
import { newId } from '../src/graph/ids.ts';
import { uniqueName } from './support/clients.ts';
import { DEMO } from './support/demo-world.ts';
import { startTestServer, useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Sandbox control plane', (kind) => {
  const server = useTestServer(kind);

  it('creates apps, accounts, people, follows and tokens with the documented shapes', async () => {
    const { sandbox } = server();
    const app = await sandbox.do('POST', '/apps', { name: 'Support Bot', features: ['human_agent'] });
    expect(app).toMatchObject({
      id: expect.stringMatching(/^\d{16}$/),
      secret: expect.stringMatching(/^[0-9a-f]{32}$/),
      name: 'Support Bot',
    });
    expect(app.app_token).toMatch(new RegExp(`^${app.id}\\|`));
    expect(app.features).toEqual(['human_agent']);

    const ig = await sandbox.do('POST', '/accounts', {
      type: 'instagram',
      username: 'cafe_sandbox_1',
      name: 'Cafe',
    });
    expect(ig).toMatchObject({
      id: expect.stringMatching(/^1784\d{13}$/),
      type: 'instagram',
      username: 'cafe_sandbox_1',
      name: 'Cafe',
    });
    const page = await sandbox.do('POST', '/accounts', {
      type: 'page',
      name: 'Cafe Page',
      instagram_account_id: ig.id,
    });
    expect(page).toMatchObject({
      id: expect.stringMatching(/^\d{15}$/),
      type: 'page',
      instagram_account_id: ig.id,
    });
    const again = await sandbox.raw('POST', '/accounts', {
      type: 'page',
      name: 'Second',
      instagram_account_id: ig.id,
    });
    expect(again.status).toBe(409);

    const user = await sandbox.do('POST', '/users', { username: 'visitor_1', name: 'Visitor' });
    expect(user.id).toMatch(/^\d+$/);
    expect(await sandbox.do('POST', '/follows', { user_id: user.id, account_id: ig.id })).toEqual({
      success: true,
    });

    const igToken = await sandbox.do('POST', '/tokens', { app_id: app.id, account_id: ig.id });
    expect(igToken).toMatchObject({
      access_token: expect.stringMatching(/^IGAA/),
      kind: 'instagram_user',
      expires_at: null,
    });
    expect(igToken.scopes).toEqual(
      expect.arrayContaining(['instagram_business_basic', 'instagram_business_manage_messages']),
    );
    const pageToken = await sandbox.do('POST', '/tokens', {
      app_id: app.id,
      account_id: page.id,
      expires_in: 60,
    });
    expect(pageToken).toMatchObject({
      access_token: expect.stringMatching(/^EAA/),
      kind: 'page',
      expires_at: expect.any(Number),
    });
    expect(pageToken.scopes).toContain('pages_messaging');
  });

  it('lets a person message a business, and answers with scoped ids only', async () => {
    const { sandbox } = server();
    const ig = await sandbox.instagramAccount();
    const user = await sandbox.user();
    const sent = await sandbox.do('POST', `/users/${user.id}/messages`, { to: ig.id, text: 'hello' });
    expect(sent).toEqual({
      message_id: expect.stringMatching(/^aWdf/),
      conversation_id: expect.stringMatching(/^aWdf/),
      sender_id: expect.stringMatching(/^\d{16}$/),
      recipient_id: ig.id,
      timestamp: expect.any(Number),
    });
    expect(sent.sender_id).not.toBe(user.id);
    const second = await sandbox.do('POST', `/users/${user.id}/messages`, { to: ig.id, text: 'again' });
    expect(second.conversation_id).toBe(sent.conversation_id);
    expect(second.sender_id).toBe(sent.sender_id);
    const state = await sandbox.do('GET', `/conversations/${sent.conversation_id}`);
    expect(state).toMatchObject({
      folder: 'requests',
      message_count: 2,
      unread_count: 2,
      platform: 'instagram',
    });
  });

  it('plays the other acts: postbacks, referrals, reactions, seen, unsend, edit', async () => {
    const { sandbox } = server();
    const page = await sandbox.page();
    const user = await sandbox.user();
    const referral = await sandbox.do('POST', `/users/${user.id}/referrals`, {
      to: page.id,
      ref: 'summer-sale',
      source: 'SHORTLINKS',
    });
    expect(referral).toMatchObject({
      conversation_id: expect.stringMatching(/^t_/),
      sender_id: expect.any(String),
      timestamp: expect.any(Number),
    });
    const postback = await sandbox.do('POST', `/users/${user.id}/postbacks`, {
      to: page.id,
      title: 'Get Started',
      payload: 'GET_STARTED',
    });
    expect(postback.conversation_id).toBe(referral.conversation_id);
    expect(
      await sandbox.do('POST', `/users/${user.id}/reactions`, {
        message_id: postback.message_id,
        reaction: '😮',
      }),
    ).toMatchObject({ success: true });
    expect(
      await sandbox.do('POST', `/users/${user.id}/seen`, { message_id: postback.message_id }),
    ).toMatchObject({ success: true });
    expect(
      await sandbox.do('POST', `/messages/${postback.message_id}/edit`, { text: 'Get started!' }),
    ).toEqual({ success: true, num_edit: 1 });
    expect(await sandbox.do('DELETE', `/messages/${postback.message_id}`)).toEqual({ success: true });
    const stranger = await sandbox.user();
    const refused = await sandbox.raw('POST', `/users/${stranger.id}/reactions`, {
      message_id: postback.message_id,
    });
    expect(refused.status).toBe(404);
  });

  it('answers bad input with 4xx and the error envelope, never 5xx', async () => {
    const { sandbox } = server();
    const user = await sandbox.user();
    const cases: [string, string, unknown][] = [
      ['POST', '/apps', {}],
      ['POST', '/apps', '{not json'],
      ['POST', '/apps', []],
      ['POST', '/accounts', { type: 'myspace', username: 'x' }],
      ['POST', '/accounts', { type: 'instagram' }],
      ['POST', '/accounts', { type: 'page', name: 'x', instagram_account_id: '404' }],
      ['POST', '/users', { username: 42.5 }],
      ['POST', '/users', { username: 'nul\u0000byte' }],
      ['POST', '/users', { username: 'x'.repeat(100) }],
      ['POST', '/follows', { user_id: user.id, account_id: '404' }],
      ['POST', '/tokens', { app_id: '404', account_id: '404' }],
      ['POST', '/tokens', { app_id: '1', account_id: '1', expires_in: -5 }],
      ['POST', `/users/${user.id}/messages`, { to: '404', text: 'x' }],
      ['POST', `/users/${user.id}/messages`, { text: 'no recipient' }],
      ['POST', '/users/404/messages', { to: '1', text: 'x' }],
      ['POST', `/users/${user.id}/messages`, { to: '1', attachments: 'nope' }],
      ['POST', `/users/${user.id}/reactions`, { message_id: 'm_nope' }],
      ['POST', '/clock', {}],
      ['POST', '/clock', { set: 'yesterday-ish' }],
      ['POST', '/clock', { advance_seconds: 'soon' }],
      ['POST', '/clock', { advance_seconds: 1e300 }],
      ['POST', '/clock', { advance_seconds: 300_000_000_000 }],
      ['POST', '/clock', { set: -1 }],
      ['POST', '/clock', { freeze: true, set: 'garbage' }],
      ['POST', '/seed', 'users: [ {unclosed'],
      ['POST', '/seed', { conversations: [{ account: '404', user: '404', messages: [] }] }],
      ['POST', '/seed', { apps: 5 }],
      ['POST', '/seed', { apps: 'xy' }],
      ['POST', '/seed', { apps: [{ name: { a: 1 } }] }],
      ['POST', '/seed', { apps: [{ name: 'a', id: '' }] }],
      [
        'POST',
        '/seed',
        { conversations: [{ account: '1', user: '1', messages: [{ from: 'user', ago: 5 }] }] },
      ],
      [
        'POST',
        '/seed',
        { conversations: [{ account: '1', user: '1', messages: [{ from: 'user', count: 1e12 }] }] },
      ],
      ['POST', '/apps', { name: 'a', id: 'not digits' }],
      ['POST', '/tokens', { app_id: '1', account_id: '1', expires_in: 1e308 }],
      ['POST', '/reset', { seed: 'everything' }],
      ['GET', '/nowhere', undefined],
      ['PATCH', '/conversations/t_404', { folder: 'spam' }],
    ];
    for (const [method, path, body] of cases) {
      const res = await sandbox.raw(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} ${res.text}`).toBeLessThan(500);
      expect(res.body.error).toMatchObject({ type: 'ParleySandboxException', code: expect.any(Number) });
    }
    // A refused clock move changed nothing.
    const clock = await sandbox.do('GET', '/clock');
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.offset_seconds)).toBeLessThan(60);
  });

  it('moves the clock, and reads it back', async () => {
    const { sandbox } = server();
    const before = await sandbox.do('GET', '/clock');
    const after = await sandbox.do('POST', '/clock', { advance_seconds: 3600 });
    expect(after.timestamp - before.timestamp).toBeGreaterThanOrEqual(3600_000);
    const set = await sandbox.do('POST', '/clock', { set: '2030-01-01T00:00:00Z' });
    expect(set.now.startsWith('2030-01-01T00:00:0')).toBe(true);
    const frozen = await sandbox.do('POST', '/clock', { freeze: true });
    await new Promise((r) => setTimeout(r, 20));
    expect((await sandbox.do('GET', '/clock')).timestamp).toBe(frozen.timestamp);
    await sandbox.do('POST', '/clock', { freeze: false });
  });

  it('seeds a world from YAML and JSON, and resets to empty or to the demo world', async () => {
    const { sandbox, graph } = server();
    const username = uniqueName('seeded').slice(0, 28);
    const yaml = `
apps: [{ key: a, name: Seeded }]
accounts: [{ key: shop, type: instagram, username: ${username} }]
users: [{ key: u, username: ${username}_u, follows: [shop] }]
tokens: [{ app: a, account: shop, token: IGAAseeded${username} }]
conversations:
  - account: shop
    user: u
    messages:
      - { from: user, text: 'old question', ago: 2d }
      - { from: business, text: 'old answer', ago: 1d23h }
      - { from: user, text: 'Q{n}', ago: 1h, every: 1m, count: 3 }
`;
    const seeded = await sandbox.do('POST', '/seed', yaml);
    expect(seeded.tokens[0].access_token).toBe(`IGAAseeded${username}`);
    const list = await graph.get(
      '/v23.0/me/conversations',
      { fields: 'message_count,unread_count,snippet' },
      { token: `IGAAseeded${username}` },
    );
    expect(list.body.data).toEqual([
      { message_count: 5, unread_count: 3, snippet: 'Q3', id: expect.any(String) },
    ]);
    const json = await sandbox.raw('POST', '/seed', { users: [{ username: `${username}_json` }] });
    expect(json.status).toBe(200);

    // A seed that fails part-way stores nothing of itself: its app is not there, and it can be sent again.
    const halfway = {
      apps: [{ name: 'Half', id: '4040404040' }],
      accounts: [{ key: 'p', type: 'page', name: 'P' }],
      conversations: [{ account: 'p', user: `${username}_nobody`, messages: [{ from: 'user', text: 'x' }] }],
    };
    expect((await sandbox.raw('POST', '/seed', halfway)).status).toBe(404);
    expect((await sandbox.raw('GET', '/apps/4040404040')).status).toBe(404);
    const folder = {
      ...halfway,
      conversations: [{ account: 'p', user: 'u', folder: 'primary', messages: [] }],
    };
    expect(
      (await sandbox.raw('POST', '/seed', { ...folder, users: [{ key: 'u', username: 'x' }] })).body.error
        .message,
    ).toContain('folder must be one of inbox, other, page_done, spam');
    expect((await sandbox.raw('GET', '/apps/4040404040')).status).toBe(404);

    expect(await sandbox.do('POST', '/reset', {})).toEqual({ success: true, seed: 'none' });
    expect((await graph.get('/v23.0/me', {}, { token: `IGAAseeded${username}` })).body.error.code).toBe(190);
    await sandbox.do('POST', '/reset', { seed: 'demo' });
    const demo = await graph.get('/v23.0/me', { fields: 'username' }, { token: DEMO.IG_TOKEN });
    expect(demo.body.username).toBe('parley.coffee');
  });

  it('seeds conversations with the ids given, when shaped as their platform’s, and lists their messages by them', async () => {
    const { sandbox, graph } = server();
    const username = uniqueName('seedid').slice(0, 28);
    const instagramThread = newId.instagramThread('17841400000000000');
    const seed = (conversations: unknown[]) => ({
      apps: [{ key: 'a', name: 'Seeded ids' }],
      accounts: [
        { key: 'ig', type: 'instagram', username },
        { key: 'page', type: 'page', name: `${username} page` },
      ],
      users: [{ key: 'u', username: `${username}_u`, follows: ['ig'] }],
      tokens: [
        { app: 'a', account: 'ig', token: `IGAAids${username}` },
        { app: 'a', account: 'page', token: `EAAids${username}` },
      ],
      conversations,
    });
    const hello = [{ from: 'user', text: 'hello' }];
    for (const [account, id] of [
      ['ig', 't_123'],
      ['page', instagramThread],
      ['ig', 'my-thread'],
      ['page', 't_12a'],
    ] as const) {
      const refused = await sandbox.raw('POST', '/seed', seed([{ account, user: 'u', id, messages: hello }]));
      expect(refused.status, id).toBe(400);
      expect(refused.body.error.message).toContain(`conversation id ${id} is not`);
    }
    await sandbox.do(
      'POST',
      '/seed',
      seed([
        { account: 'ig', user: 'u', id: instagramThread, messages: hello },
        { account: 'page', user: 'u', id: 't_4242424242', messages: hello },
      ]),
    );
    for (const [id, token] of [
      [instagramThread, `IGAAids${username}`],
      ['t_4242424242', `EAAids${username}`],
    ]) {
      const listed = await graph.get(`/v23.0/${id}/messages`, {}, { token });
      expect(listed.status).toBe(200);
      const [message] = listed.body.data;
      const detail = await graph.get(`/v23.0/${message.id}`, { fields: 'message' }, { token });
      expect(detail.body).toEqual({ id: message.id, message: 'hello' });
    }
  });

  it('keeps the world and the clock across a restart', async () => {
    const srv = server();
    const user = await srv.sandbox.user();
    const ig = await srv.sandbox.instagramAccount();
    const sent = await srv.sandbox.send(user.id, ig.id, 'persisted');
    const clock = await srv.sandbox.do('POST', '/clock', { advance_seconds: 10 * 24 * 3600 });
    await srv.restart();
    const after = await server().sandbox.do('GET', '/clock');
    expect(after.offset_seconds).toBe(clock.offset_seconds);
    expect(await server().sandbox.do('GET', `/conversations/${sent.conversation_id}`)).toMatchObject({
      message_count: 1,
    });
  });
});

describe('Sandbox admin token', () => {
  it('requires the admin token as a Bearer token on /_parley when one is set, but not for health', async () => {
    const server = await startTestServer('sqlite', { adminToken: 'a-long-enough-s3cret' });
    try {
      const open = await fetch(`${server.url}/_parley/apps`, { method: 'POST', body: '{"name":"x"}' });
      expect(open.status).toBe(401);
      expect(((await open.json()) as { error: unknown }).error).toMatchObject({
        type: 'ParleySandboxException',
        code: 190,
      });
      const wrong = await fetch(`${server.url}/_parley/clock`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      expect((await fetch(`${server.url}/_parley/health`)).status).toBe(200);
      expect((await server.sandbox.raw('GET', '/clock')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
