/**
 * Page posts and their comments on the Graph API: the feed, a post, its comments (top-level or stream,
 * either order), a comment and its replies, and the Page's actions on them; facebook-nodejs-business-sdk
 * reads and writes a post's comments.
 */
import bizSdk from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;
const { FacebookAdsApi, PagePost } = bizSdk;

describeEachStore('Page posts and comments', (kind) => {
  const server = useTestServer(kind);
  let biz: Awaited<ReturnType<typeof createBusiness>>;
  let person: { id: string; name: string };
  const posts: { id: string }[] = [];
  const comments: { id: string; sender_id: string }[] = [];
  const graphUrl = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH')!;

  beforeAll(async () => {
    const { sandbox } = server();
    biz = await createBusiness(sandbox);
    person = await sandbox.user({ name: 'Ada Brook' });
    for (const caption of ['Opening hours', 'Autumn menu']) {
      posts.push(await sandbox.do('POST', `/accounts/${biz.page.id}/media`, { caption }));
    }
    for (const text of ['Open on Sunday?', 'Looks great']) {
      comments.push(
        await sandbox.do('POST', `/users/${person.id}/comments`, { media_id: posts[1]!.id, text }),
      );
    }
    // The SDK's one setting for where Graph is.
    Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => server().url, configurable: true });
  });
  afterAll(() => {
    Object.defineProperty(FacebookAdsApi, 'GRAPH', graphUrl);
  });

  it('lists the feed and posts newest first, created_time, message and id by default', async () => {
    const { graph } = server();
    for (const edge of ['feed', 'posts']) {
      const res = await graph.get(`/v23.0/${biz.page.id}/${edge}`, {}, { token: biz.pageToken });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        { created_time: expect.stringMatching(TIME), message: 'Autumn menu', id: posts[1]!.id },
        { created_time: expect.stringMatching(TIME), message: 'Opening hours', id: posts[0]!.id },
      ]);
      const first = await graph.get(`/v23.0/${biz.page.id}/${edge}`, { limit: 1 }, { token: biz.pageToken });
      const after = first.body.paging.cursors.after;
      const next = await graph.get(
        `/v23.0/${biz.page.id}/${edge}`,
        { limit: 1, after },
        { token: biz.pageToken },
      );
      expect(next.body.data.map((p: { id: string }) => p.id)).toEqual([posts[0]!.id]);
    }
    const post = await graph.get(
      `/v23.0/${posts[1]!.id}`,
      { fields: 'id,message,created_time,permalink_url,full_picture,from,comments.summary(true){message}' },
      { token: biz.pageToken },
    );
    expect(post.body).toEqual({
      id: posts[1]!.id,
      message: 'Autumn menu',
      created_time: expect.stringMatching(TIME),
      permalink_url: expect.stringMatching(/^https:\/\//),
      full_picture: expect.stringMatching(/^https:\/\//),
      from: { name: biz.page.name, id: biz.page.id },
      comments: {
        data: [
          { message: 'Open on Sunday?', id: comments[0]!.id },
          { message: 'Looks great', id: comments[1]!.id },
        ],
        paging: expect.any(Object),
        summary: { total_count: 2 },
      },
    });
  });

  it('reads comments oldest first by default, either order, with replies in the stream', async () => {
    const { graph, sandbox } = server();
    const token = biz.pageToken;
    const reply = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: posts[1]!.id,
      parent_id: comments[0]!.id,
      text: 'Asking for a friend',
    });
    const top = await graph.get(`/v23.0/${posts[1]!.id}/comments`, {}, { token });
    expect(top.body.data).toEqual([
      {
        created_time: expect.stringMatching(TIME),
        from: { name: 'Ada Brook', id: comments[0]!.sender_id },
        message: 'Open on Sunday?',
        id: comments[0]!.id,
      },
      expect.objectContaining({ message: 'Looks great', id: comments[1]!.id }),
    ]);
    const newest = await graph.get(
      `/v23.0/${posts[1]!.id}/comments`,
      { order: 'reverse_chronological', filter: 'stream', fields: 'message,parent{id}' },
      { token },
    );
    expect(newest.body.data).toEqual([
      { message: 'Asking for a friend', parent: { id: comments[0]!.id }, id: reply.id },
      { message: 'Looks great', id: comments[1]!.id },
      { message: 'Open on Sunday?', id: comments[0]!.id },
    ]);
    const one = await graph.get(
      `/v23.0/${comments[0]!.id}`,
      { fields: 'message,like_count,comment_count,is_hidden,can_hide,comments{message}' },
      { token },
    );
    expect(one.body).toEqual({
      message: 'Open on Sunday?',
      like_count: 0,
      comment_count: 1,
      is_hidden: false,
      can_hide: true,
      comments: { data: [{ message: 'Asking for a friend', id: reply.id }], paging: expect.any(Object) },
      id: comments[0]!.id,
    });
    const bad = await graph.get(`/v23.0/${posts[1]!.id}/comments`, { order: 'sideways' }, { token });
    expect(bad.body.error).toMatchObject({ code: 100 });
  });

  it("comments, replies, hides and deletes as the Page; another Page's token sees nothing", async () => {
    const { graph, sandbox } = server();
    const token = biz.pageToken;
    const own = await graph.post(
      `/v23.0/${posts[0]!.id}/comments`,
      { message: 'Mon to Sat, 8 to 6' },
      { token },
    );
    expect(own.body).toEqual({ id: expect.stringMatching(/^\d+_\d+$/) });
    const asked = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: posts[0]!.id,
      text: 'Holidays?',
    });
    const reply = await graph.post(`/v23.0/${asked.id}/comments`, { message: 'Closed' }, { token });
    expect(reply.body.id).toMatch(/^\d+_\d+$/);
    expect((await graph.post(`/v23.0/${asked.id}`, { is_hidden: 'true' }, { token })).body).toEqual({
      success: true,
    });
    expect((await graph.get(`/v23.0/${asked.id}`, { fields: 'is_hidden' }, { token })).body.is_hidden).toBe(
      true,
    );
    const edited = await graph.post(`/v23.0/${own.body.id}`, { message: 'Mon to Sat, 8 to 7' }, { token });
    expect(edited.body).toEqual({ success: true });
    expect((await graph.get(`/v23.0/${own.body.id}`, { fields: 'message' }, { token })).body.message).toBe(
      'Mon to Sat, 8 to 7',
    );
    // The Page edits only its own comments.
    const theirs = await graph.post(`/v23.0/${asked.id}`, { message: 'changed' }, { token });
    expect(theirs.body.error).toMatchObject({ code: 100 });
    expect((await graph.delete(`/v23.0/${own.body.id}`, {}, { token })).body).toEqual({ success: true });
    expect((await graph.get(`/v23.0/${own.body.id}`, {}, { token })).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });

    const other = await createBusiness(sandbox);
    for (const path of [`/v23.0/${posts[0]!.id}`, `/v23.0/${asked.id}`, `/v23.0/${biz.page.id}/feed`]) {
      const res = await graph.get(path, {}, { token: other.pageToken });
      expect(res.body.error, path).toMatchObject({ code: 100, error_subcode: 33 });
    }
    const readOnly = (
      await sandbox.token(biz.app.id, biz.page.id, {
        scopes: ['pages_read_engagement', 'pages_read_user_content'],
      })
    ).access_token as string;
    const denied = await graph.post(`/v23.0/${posts[0]!.id}/comments`, { message: 'x' }, { token: readOnly });
    expect(denied.body.error).toMatchObject({
      code: 200,
      message: '(#200) Requires pages_manage_engagement permission to manage the object',
    });
    const noContent = (await sandbox.token(biz.app.id, biz.page.id, { scopes: ['pages_read_engagement'] }))
      .access_token as string;
    const hidden = await graph.get(`/v23.0/${posts[0]!.id}/comments`, {}, { token: noContent });
    expect(hidden.body.error).toMatchObject({ code: 200 });
  });

  it("reads and writes a post's comments through facebook-nodejs-business-sdk", async () => {
    FacebookAdsApi.init(biz.pageToken);
    const post = new PagePost(posts[1]!.id);
    const cursor = await post.getComments(['message', 'from', 'created_time']);
    expect(cursor.map((c) => c._data as unknown)).toContainEqual(
      expect.objectContaining({
        id: comments[1]!.id,
        message: 'Looks great',
        from: { name: 'Ada Brook', id: comments[1]!.sender_id },
      }),
    );
    const made = await post.createComment([], { message: 'See you there' });
    expect(made.id).toMatch(/^\d+_\d+$/);
    const again = await server().graph.get(
      `/v23.0/${made.id}`,
      { fields: 'message,from' },
      { token: biz.pageToken },
    );
    expect(again.body).toEqual({
      message: 'See you there',
      from: { name: biz.page.name, id: biz.page.id },
      id: made.id,
    });
  });
});
