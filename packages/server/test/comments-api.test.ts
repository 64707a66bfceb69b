/** Instagram media and comments on the Graph API: fields, defaults, paging, permissions and visibility. */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;

describeEachStore('Instagram media and comments', (kind) => {
  const server = useTestServer(kind);
  let mine: Awaited<ReturnType<typeof createBusiness>>;
  let theirs: Awaited<ReturnType<typeof createBusiness>>;
  let person: { id: string; username: string };
  const posts: { id: string }[] = [];
  const comments: { id: string; sender_id: string }[] = [];

  beforeAll(async () => {
    const { sandbox } = server();
    mine = await createBusiness(sandbox);
    theirs = await createBusiness(sandbox);
    person = await sandbox.user({ username: 'kai.moreno', name: 'Kai Moreno' });
    for (const caption of ['first', 'second', 'third']) {
      posts.push(await sandbox.do('POST', `/accounts/${mine.ig.id}/media`, { caption, media_type: 'IMAGE' }));
    }
    for (const text of ['price?', 'love it', 'where do you ship?']) {
      comments.push(
        await sandbox.do('POST', `/users/${person.id}/comments`, { media_id: posts[2]!.id, text }),
      );
    }
  });

  it('lists the media of an account newest first, ids by default, paged with cursors', async () => {
    const { graph } = server();
    for (const [path, token] of [
      [`/v23.0/${mine.ig.id}/media`, mine.pageToken],
      ['/v23.0/me/media', mine.igToken],
    ] as const) {
      const all = await graph.get(path, {}, { token });
      expect(all.status, path).toBe(200);
      expect(all.body.data).toEqual(posts.map((p) => ({ id: p.id })).reverse());

      const first = await graph.get(path, { limit: 2, fields: 'caption' }, { token });
      expect(first.body.data).toEqual([
        { caption: 'third', id: posts[2]!.id },
        { caption: 'second', id: posts[1]!.id },
      ]);
      expect(first.body.paging.next).toContain('after=');
      const next = await graph.get(path, { limit: 2, after: first.body.paging.cursors.after }, { token });
      expect(next.body.data).toEqual([{ id: posts[0]!.id }]);
      expect(next.body.paging.next).toBeUndefined();
      const back = await graph.get(path, { limit: 2, before: next.body.paging.cursors.before }, { token });
      expect(back.body.data.map((m: { id: string }) => m.id)).toEqual([posts[2]!.id, posts[1]!.id]);
    }
  });

  it('reads a media with the fields Meta documents', async () => {
    const { graph } = server();
    const id = posts[2]!.id;
    expect((await graph.get(`/v23.0/${id}`, {}, { token: mine.igToken })).body).toEqual({ id });
    const fields =
      'id,caption,media_type,media_product_type,media_url,permalink,shortcode,timestamp,like_count,' +
      'comments_count,username,owner,is_comment_enabled';
    const res = await graph.get(`/v23.0/${id}`, { fields }, { token: mine.pageToken });
    expect(res.body).toEqual({
      id,
      caption: 'third',
      media_type: 'IMAGE',
      media_product_type: 'FEED',
      media_url: expect.stringMatching(/^https:\/\//),
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//),
      shortcode: expect.any(String),
      timestamp: expect.stringMatching(TIME),
      like_count: 0,
      comments_count: 3,
      username: mine.ig.username,
      owner: { id: mine.ig.id },
      is_comment_enabled: true,
    });
  });

  it("lists a media's comments newest first, timestamp, text and id by default", async () => {
    const { graph } = server();
    const res = await graph.get(`/v23.0/${posts[2]!.id}/comments`, {}, { token: mine.igToken });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(
      [...comments]
        .reverse()
        .map((c) => ({ timestamp: expect.stringMatching(TIME), text: expect.any(String), id: c.id })),
    );
    expect(res.body.data[0].text).toBe('where do you ship?');

    const page = await graph.get(
      `/v23.0/${posts[2]!.id}`,
      { fields: 'comments.limit(1){text,from,username}' },
      { token: mine.pageToken },
    );
    expect(page.body.comments.data).toEqual([
      {
        text: 'where do you ship?',
        from: { id: comments[2]!.sender_id, username: 'kai.moreno' },
        username: 'kai.moreno',
        id: comments[2]!.id,
      },
    ]);
    const after = page.body.comments.paging.cursors.after;
    const more = await graph.get(
      `/v23.0/${posts[2]!.id}/comments`,
      { limit: 1, after },
      { token: mine.pageToken },
    );
    expect(more.body.data.map((c: { id: string }) => c.id)).toEqual([comments[1]!.id]);
  });

  it('reads a comment with the fields Meta documents', async () => {
    const { graph } = server();
    const id = comments[0]!.id;
    const bare = await graph.get(`/v23.0/${id}`, {}, { token: mine.igToken });
    expect(bare.body).toEqual({ timestamp: expect.stringMatching(TIME), text: 'price?', id });
    const fields =
      'id,text,from,timestamp,like_count,hidden,parent_id,media{id,media_product_type},username,replies';
    const res = await graph.get(`/v23.0/${id}`, { fields }, { token: mine.igToken });
    expect(res.body).toEqual({
      id,
      text: 'price?',
      from: { id: comments[0]!.sender_id, username: 'kai.moreno' },
      timestamp: expect.stringMatching(TIME),
      like_count: 0,
      hidden: false,
      media: { id: posts[2]!.id, media_product_type: 'FEED' },
      username: 'kai.moreno',
      replies: { data: [] },
    });
  });

  it("answers 100/33 for another account's media and comments, and unknown fields with 100", async () => {
    const { graph } = server();
    for (const path of [
      `/v23.0/${posts[0]!.id}`,
      `/v23.0/${posts[0]!.id}/comments`,
      `/v23.0/${comments[0]!.id}`,
      `/v23.0/${comments[0]!.id}/replies`,
      `/v23.0/${mine.ig.id}/media`,
    ]) {
      for (const token of [theirs.igToken, theirs.pageToken]) {
        const res = await graph.get(path, {}, { token });
        expect(res.body.error, path).toMatchObject({ code: 100, error_subcode: 33 });
      }
    }
    const unknown = await graph.get(`/v23.0/${posts[0]!.id}`, { fields: 'nope' }, { token: mine.igToken });
    expect(unknown.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (nope) on node type (IGMedia)',
    );
  });

  it('refuses reads without the permissions Meta lists', async () => {
    const { graph, sandbox } = server();
    const basicOnly = (await sandbox.token(mine.app.id, mine.ig.id, { scopes: ['instagram_business_basic'] }))
      .access_token as string;
    expect((await graph.get(`/v23.0/${posts[2]!.id}`, {}, { token: basicOnly })).status).toBe(200);
    for (const path of [`/v23.0/${posts[2]!.id}/comments`, `/v23.0/${comments[0]!.id}`]) {
      const res = await graph.get(path, {}, { token: basicOnly });
      expect(res.body.error, path).toMatchObject({ code: 10, type: 'IGApiException' });
    }
    const pageNoComments = (
      await sandbox.token(mine.app.id, mine.page.id, { scopes: ['instagram_basic', 'pages_read_engagement'] })
    ).access_token as string;
    const res = await graph.get(`/v23.0/${posts[2]!.id}/comments`, {}, { token: pageNoComments });
    expect(res.body.error).toMatchObject({
      code: 200,
      message: '(#200) Requires instagram_manage_comments permission to manage the object',
    });
    const none = (await sandbox.token(mine.app.id, mine.ig.id, { scopes: [] })).access_token as string;
    expect((await graph.get('/v23.0/me/media', {}, { token: none })).body.error.code).toBe(10);
  });

  it('reads media and comments that mention the account by their ids, and nothing else through them', async () => {
    const { graph, sandbox } = server();
    const token = mine.pageToken;
    const handle = `@${mine.ig.username}`;
    const theirMedia = await sandbox.do('POST', `/users/${person.id}/media`, {
      caption: `Brunch at ${handle}`,
    });
    const mention = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: theirMedia.id,
      text: `${handle} do you deliver?`,
    });
    const res = await graph.get(
      `/v23.0/${mine.ig.id}`,
      {
        fields:
          `mentioned_media.media_id(${theirMedia.id}){caption,media_type,username},` +
          `mentioned_comment.comment_id(${mention.id}){text,timestamp}`,
      },
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mentioned_media: {
        caption: `Brunch at ${handle}`,
        media_type: 'IMAGE',
        username: 'kai.moreno',
        id: theirMedia.id,
      },
      mentioned_comment: {
        text: `${handle} do you deliver?`,
        timestamp: expect.stringMatching(TIME),
        id: mention.id,
      },
      id: mine.ig.id,
    });
    // A person's media is not the business's: not in its /media, not readable by id.
    const listed = await graph.get(`/v23.0/${mine.ig.id}/media`, {}, { token });
    expect(listed.body.data.map((m: { id: string }) => m.id)).not.toContain(theirMedia.id);
    expect((await graph.get(`/v23.0/${theirMedia.id}`, {}, { token })).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
    // Only what mentions the account, and the id is required.
    const unmentioned = await graph.get(
      `/v23.0/${mine.ig.id}`,
      { fields: `mentioned_comment.comment_id(${comments[0]!.id}){text}` },
      { token },
    );
    expect(unmentioned.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const missing = await graph.get(
      `/v23.0/${mine.ig.id}`,
      { fields: 'mentioned_media{caption}' },
      { token },
    );
    expect(missing.body.error).toMatchObject({
      code: 100,
      message: '(#100) The parameter media_id is required',
    });
  });
});
