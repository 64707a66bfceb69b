/** `GET /{ig-id|page-id|me}/conversations`: filters, order, folders, the 30-day Requests rule, paging. */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;
const DAY = 24 * 60 * 60;

describeEachStore('Conversations API', (kind) => {
  const server = useTestServer(kind);
  let biz: Awaited<ReturnType<typeof createBusiness>>;
  let follower: { id: string };
  let stranger: { id: string };
  let followerThread: { conversation_id: string; sender_id: string };
  let strangerThread: { conversation_id: string; sender_id: string };

  beforeAll(async () => {
    const { sandbox } = server();
    biz = await createBusiness(sandbox);
    follower = await sandbox.user({ name: 'Fiona Follower' });
    stranger = await sandbox.user({ name: 'Sam Stranger' });
    await sandbox.follow(follower.id, biz.ig.id);
    followerThread = await sandbox.send(follower.id, biz.ig.id, 'first');
    await sandbox.advanceClock(60);
    strangerThread = await sandbox.send(stranger.id, biz.ig.id, 'second');
  });

  it('lists an Instagram account’s conversations with id and updated_time, most recent first', async () => {
    const res = await server().graph.get(
      '/v23.0/me/conversations',
      { platform: 'instagram' },
      { token: biz.igToken },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { id: strangerThread.conversation_id, updated_time: expect.stringMatching(GRAPH_TIME) },
      { id: followerThread.conversation_id, updated_time: expect.stringMatching(GRAPH_TIME) },
    ]);
    const same = await server().graph.get(
      `/v23.0/${biz.ig.id}/conversations`,
      { platform: 'INSTAGRAM' },
      { token: biz.igToken },
    );
    expect(same.body.data).toEqual(res.body.data);
  });

  it('finds the conversation with one person by user_id', async () => {
    const { graph } = server();
    const res = await graph.get(
      '/v23.0/me/conversations',
      { user_id: followerThread.sender_id },
      { token: biz.igToken },
    );
    expect(res.body.data.map((c: { id: string }) => c.id)).toEqual([followerThread.conversation_id]);
    expect(
      (await graph.get('/v23.0/me/conversations', { user_id: '1234567890' }, { token: biz.igToken })).body,
    ).toEqual({ data: [] });
  });

  it('moves a conversation to the top when a new message arrives', async () => {
    const { graph, sandbox } = server();
    await sandbox.advanceClock(60);
    await sandbox.send(follower.id, biz.ig.id, 'bump');
    const res = await graph.get('/v23.0/me/conversations', {}, { token: biz.igToken });
    expect(res.body.data[0].id).toBe(followerThread.conversation_id);
  });

  it('serves the same Instagram conversations to the linked Page with platform=instagram', async () => {
    const { graph } = server();
    const viaPage = await graph.get(
      `/v19.0/${biz.page.id}/conversations`,
      { platform: 'instagram' },
      { token: biz.pageToken },
    );
    const viaInstagram = await graph.get('/v23.0/me/conversations', {}, { token: biz.igToken });
    expect(viaPage.status).toBe(200);
    expect(viaPage.body.data).toEqual(viaInstagram.body.data);
    const messenger = await graph.get(`/v19.0/${biz.page.id}/conversations`, {}, { token: biz.pageToken });
    expect(messenger.body).toEqual({ data: [] });
  });

  it('answers 2534013 for platform=instagram on a Page with no Instagram account', async () => {
    const { sandbox, graph } = server();
    const lonely = await sandbox.page();
    const token = (await sandbox.token(biz.app.id, lonely.id)).access_token;
    const res = await graph.get('/v23.0/me/conversations', { platform: 'instagram' }, { token });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 100,
      error_subcode: 2534013,
      message: 'The page is not linked to an Instagram account',
    });
  });

  it('refuses a platform the token cannot read', async () => {
    const res = await server().graph.get(
      '/v23.0/me/conversations',
      { platform: 'messenger' },
      { token: biz.igToken },
    );
    expect(res.body.error).toMatchObject({
      code: 100,
      message: '(#100) Param platform must be one of {INSTAGRAM} - got "messenger"',
    });
  });

  it('keeps Messenger folders: inbox by default, the others on request', async () => {
    const { sandbox, graph } = server();
    const names = ['inbox', 'other', 'page_done', 'spam'] as const;
    const threads: Record<string, string> = {};
    for (const folder of names) {
      const person = await sandbox.user();
      const sent = await sandbox.send(person.id, biz.page.id, `in ${folder}`);
      if (folder !== 'inbox') await sandbox.do('PATCH', `/conversations/${sent.conversation_id}`, { folder });
      threads[folder] = sent.conversation_id;
    }
    const ids = async (params: Record<string, string>) =>
      (
        await graph.get(
          '/v23.0/me/conversations',
          { platform: 'messenger', fields: 'folder', ...params },
          { token: biz.pageToken },
        )
      ).body.data;
    expect(await ids({})).toEqual([{ folder: 'inbox', id: threads.inbox }]);
    for (const folder of names) expect(await ids({ folder })).toEqual([{ folder, id: threads[folder] }]);
    const invalid = await graph.get(
      '/v23.0/me/conversations',
      { folder: 'archive' },
      { token: biz.pageToken },
    );
    expect(invalid.body.error.message).toBe(
      '(#100) Param folder must be one of {INBOX, OTHER, PAGE_DONE, SPAM} - got "archive"',
    );
  });

  it('hides Requests-folder conversations idle for 30 days, and only those', async () => {
    const { sandbox, graph } = server();
    const b = await createBusiness(sandbox);
    const fan = await sandbox.user();
    const nobody = await sandbox.user();
    await sandbox.follow(fan.id, b.ig.id);
    const primary = await sandbox.send(fan.id, b.ig.id, 'I follow you');
    const request = await sandbox.send(nobody.id, b.ig.id, 'I do not');
    const message = await sandbox.send(nobody.id, b.ig.id, 'still me');
    const list = async () =>
      (await graph.get('/v23.0/me/conversations', {}, { token: b.igToken })).body.data.map(
        (c: { id: string }) => c.id,
      );
    expect(await list()).toEqual([request.conversation_id, primary.conversation_id]);

    await sandbox.advanceClock(29 * DAY);
    expect(await list()).toHaveLength(2);
    await sandbox.advanceClock(DAY + 60);
    expect(await list()).toEqual([primary.conversation_id]);
    const node = await graph.get(`/v23.0/${request.conversation_id}`, {}, { token: b.igToken });
    expect(node.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const detail = await graph.get(`/v23.0/${message.message_id}`, {}, { token: b.igToken });
    expect(detail.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const byUser = await graph.get(
      '/v23.0/me/conversations',
      { user_id: request.sender_id },
      { token: b.igToken },
    );
    expect(byUser.body).toEqual({ data: [] });

    // A new message makes it active again.
    await sandbox.send(nobody.id, b.ig.id, 'hello again');
    expect(await list()).toEqual([request.conversation_id, primary.conversation_id]);
  });

  it('fills the conversation fields Meta fills, per platform', async () => {
    const { graph, sandbox } = server();
    const person = await sandbox.user({ name: 'Jo Lee' });
    const ig = await sandbox.send(person.id, biz.ig.id, 'hi there');
    await sandbox.send(person.id, biz.ig.id, 'anyone?');
    const fields =
      'participants,senders,message_count,unread_count,snippet,can_reply,link,updated_time,is_subscribed';
    const res = await graph.get(`/v23.0/${ig.conversation_id}`, { fields }, { token: biz.igToken });
    expect(res.body).toEqual({
      participants: {
        data: [
          { username: expect.any(String), id: ig.sender_id },
          { username: biz.ig.username, id: biz.ig.id },
        ],
      },
      senders: { data: [{ username: expect.any(String), id: ig.sender_id }] },
      message_count: 2,
      unread_count: 2,
      snippet: 'anyone?',
      can_reply: true,
      link: expect.stringMatching(/^https:\/\/www\.instagram\.com\/direct\/t\/\d+\/$/),
      updated_time: expect.stringMatching(GRAPH_TIME),
      is_subscribed: true,
      id: ig.conversation_id,
    });

    const messenger = await sandbox.send(person.id, biz.page.id, 'on messenger');
    const fb = await graph.get(
      `/v23.0/${messenger.conversation_id}`,
      { fields: 'participants,folder,scoped_thread_key' },
      { token: biz.pageToken },
    );
    expect(fb.body.participants.data).toEqual([
      { name: 'Jo Lee', email: `${messenger.sender_id}@facebook.com`, id: messenger.sender_id },
      { name: biz.page.name, email: `${biz.page.id}@facebook.com`, id: biz.page.id },
    ]);
    expect(fb.body.folder).toBe('inbox');
    expect(fb.body.scoped_thread_key).toBe(messenger.conversation_id);
    // A person's scoped ids differ per business account.
    expect(messenger.sender_id).not.toBe(ig.sender_id);

    await sandbox.advanceClock(DAY + 1);
    const later = await graph.get(
      `/v23.0/${ig.conversation_id}`,
      { fields: 'can_reply' },
      { token: biz.igToken },
    );
    expect(later.body.can_reply).toBe(false);
  });

  it('pages with cursors and absolute next/previous URLs (limit 25 by default, at most 100)', async () => {
    const { sandbox, graph } = server();
    const b = await createBusiness(sandbox);
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const person = await sandbox.user();
      sent.unshift((await sandbox.send(person.id, b.page.id, `hello ${i}`)).conversation_id);
    }
    const first = await graph.get('/v23.0/me/conversations', {}, { token: b.pageToken });
    expect(first.body.data).toHaveLength(25);
    expect(first.body.data.map((c: { id: string }) => c.id)).toEqual(sent.slice(0, 25));
    const { paging } = first.body;
    expect(paging.cursors.before).toMatch(/^QVFI/);
    expect(paging.previous).toBeUndefined();
    expect(paging.next).toMatch(
      new RegExp(`^${server().url}/v23\\.0/me/conversations\\?access_token=.+&limit=25&after=QVFI`),
    );

    const second = await graph.follow(paging.next);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(sent.slice(25));
    expect(second.body.paging.next).toBeUndefined();
    expect(second.body.paging.previous).toContain('before=');
    const back = await graph.follow(second.body.paging.previous);
    expect(back.body.data.map((c: { id: string }) => c.id)).toEqual(sent.slice(0, 25));

    const small = await graph.get('/v23.0/me/conversations', { limit: 10 }, { token: b.pageToken });
    expect(small.body.data).toHaveLength(10);
    const all = await graph.get('/v23.0/me/conversations', { limit: 1000 }, { token: b.pageToken });
    expect(all.body.data).toHaveLength(30);

    // Links keep the request's own parameters as the form encoding writes them: a repeated one once, with
    // its last value, where it first stood; the paging ones replaced.
    const query = `z=1&x=a%20b&limit=3&x=c/d&after=&fields=id,updated_time&access_token=${b.pageToken}`;
    const awkward = await graph.follow(`${server().url}/v23.0/me/conversations?${query}`);
    expect(awkward.status).toBe(200);
    const expected = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(query))
      if (!['limit', 'after'].includes(key)) expected.set(key, value);
    expected.set('limit', '3');
    expected.set('after', awkward.body.paging.cursors.after);
    expect(awkward.body.paging.next).toBe(`${server().url}/v23.0/me/conversations?${expected}`);
    const repeated = await graph.follow(
      `${server().url}/v23.0/me/conversations?z=1&y=2&z=3&limit=3&access_token=${b.pageToken}`,
    );
    expect(repeated.body.paging.next).toBe(
      `${server().url}/v23.0/me/conversations?z=3&y=2&access_token=${b.pageToken}&limit=3&after=${repeated.body.paging.cursors.after}`,
    );
    const plain = await graph.follow(
      `${server().url}/v23.0/me/conversations?z=1&limit=3&access_token=${b.pageToken}`,
    );
    expect(plain.body.paging.next).toBe(
      `${server().url}/v23.0/me/conversations?z=1&access_token=${b.pageToken}&limit=3&after=${plain.body.paging.cursors.after}`,
    );

    // Links follow the host the client called, as a proxy in front of Parley would present it.
    const proxied = await graph.get(
      '/v23.0/me/conversations',
      {},
      { token: b.pageToken, host: 'graph.facebook.com' },
    );
    expect(proxied.body.paging.next).toMatch(/^https:\/\/graph\.facebook\.com\/v23\.0\/me\/conversations\?/);
    const forwarded = await graph.get(
      '/v23.0/me/conversations',
      {},
      {
        token: b.pageToken,
        host: 'parley.example.com',
        headers: { 'x-forwarded-proto': 'https' },
      },
    );
    expect(forwarded.body.paging.next).toMatch(
      /^https:\/\/parley\.example\.com\/v23\.0\/me\/conversations\?/,
    );

    // Time-based paging is not offered: since/until change nothing.
    const since = await graph.get(
      '/v23.0/me/conversations',
      { since: '2020-01-01', until: '2020-01-02' },
      { token: b.pageToken },
    );
    expect(since.body.data).toHaveLength(25);
  });

  it('refuses cursors forged, tampered with, or taken from another account', async () => {
    const { graph } = server();
    const mine = await graph.get('/v23.0/me/conversations', { limit: 1 }, { token: biz.igToken });
    const cursor: string = mine.body.paging.cursors.after;
    const other = await createBusiness(server().sandbox);
    const person = await server().sandbox.user();
    await server().sandbox.send(person.id, other.ig.id, 'x');
    const replayed = await graph.get('/v23.0/me/conversations', { after: cursor }, { token: other.igToken });
    expect(replayed.status).toBe(400);
    expect(replayed.body.error).toMatchObject({
      code: 100,
      message: '(#100) The After Cursor specified is invalid',
    });
    const forged = await graph.get(
      '/v23.0/me/conversations',
      { before: 'QVFI' + Buffer.from('[9999999999999,1]').toString('base64url') },
      { token: biz.igToken },
    );
    expect(forged.body.error.message).toBe('(#100) The Before Cursor specified is invalid');
  });

  it('answers a POST to the edge as Meta does: unsupported', async () => {
    const res = await server().graph.post(
      '/v23.0/me/conversations',
      { platform: 'instagram' },
      { token: biz.igToken },
    );
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(res.body.error.message).toMatch(/^Unsupported post request/);
  });

  it('nests the conversations edge in a node read', async () => {
    const res = await server().graph.get(
      '/v23.0/me',
      { fields: `conversations.limit(1){id},username` },
      { token: biz.igToken },
    );
    expect(res.body.conversations.data).toHaveLength(1);
    expect(res.body.conversations.paging.next).toContain('/conversations?');
    expect(res.body.username).toBe(biz.ig.username);
  });

  it('renders messages expanded in a list as on their own: both sides, and their tags', async () => {
    const { graph, sandbox } = server();
    const person = await sandbox.user({ name: 'Lena Listed' });
    const sent = await sandbox.send(person.id, biz.page.id, 'from the list');
    const listed = await graph.get(
      '/v23.0/me/conversations',
      { user_id: sent.sender_id, fields: 'messages.limit(1){from,to,tags}' },
      { token: biz.pageToken },
    );
    const message = listed.body.data[0].messages.data[0];
    const own = await graph.get(`/v23.0/${message.id}`, { fields: 'from,to,tags' }, { token: biz.pageToken });
    expect(message).toEqual(own.body);
    expect(message.from).toEqual({
      name: 'Lena Listed',
      email: `${sent.sender_id}@facebook.com`,
      id: sent.sender_id,
    });
    expect(message.tags.data).toContainEqual({ name: 'inbox' });
  });
});
