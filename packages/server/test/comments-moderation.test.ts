/**
 * The business's comment actions on Instagram over the Graph API: comment, reply, hide, unhide, delete and
 * turn comments off, each seen in later reads; driven through the `instagram-graph-api` client library too.
 */
import { Client, Constants } from 'instagram-graph-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Instagram comment moderation', (kind) => {
  const server = useTestServer(kind);
  let biz: Awaited<ReturnType<typeof createBusiness>>;
  let person: { id: string; username: string };
  let post: { id: string };
  const apiUrl = Constants.API_URL;

  beforeAll(async () => {
    const { sandbox } = server();
    biz = await createBusiness(sandbox);
    person = await sandbox.user({ username: 'noa.lind' });
    post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, { caption: 'New roast' });
    // The library's one setting for where Graph is.
    (Constants as { API_URL: string }).API_URL = server().url;
  });
  afterAll(() => {
    (Constants as { API_URL: string }).API_URL = apiUrl;
  });

  const comment = (text: string, parent_id?: string) =>
    server().sandbox.do('POST', `/users/${person.id}/comments`, { media_id: post.id, text, parent_id });

  it('reads media and comments and replies through instagram-graph-api', async () => {
    const asked = await comment('is it decaf?');
    const client = new Client(biz.pageToken, biz.ig.id);
    const media = await client.newGetPageMediaRequest().execute();
    expect(media.getData().map((m) => m.id)).toContain(post.id);
    expect(media.getData().find((m) => m.id === post.id)).toMatchObject({
      caption: 'New roast',
      comments_count: 1,
      media_product_type: 'FEED',
      username: biz.ig.username,
    });

    const comments = await client.newGetMediaCommentsRequest(post.id).execute();
    expect(comments.getData()).toEqual([
      expect.objectContaining({ id: asked.id, text: 'is it decaf?', hidden: false, username: 'noa.lind' }),
    ]);

    const reply = await client.newPostReplyRequest(asked.id, 'Yes, since May').execute();
    const id = reply.getId();
    const replies = await client.newGetRepliesRequest(asked.id).execute();
    expect(replies.getData()).toEqual([
      expect.objectContaining({ id, text: 'Yes, since May', parent_id: asked.id, username: biz.ig.username }),
    ]);
  });

  it('comments, replies, hides, shows and deletes over HTTP, each seen in reads', async () => {
    const { graph } = server();
    const token = biz.igToken;
    const own = await graph.post(`/v23.0/${post.id}/comments`, { message: 'Thanks all!' }, { token });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ id: expect.stringMatching(/^\d+$/) });

    const asked = await comment('ship to Oslo?');
    const reply = await graph.post(`/v23.0/${asked.id}/replies`, { message: 'We do' }, { token });
    expect(reply.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    // A reply to a reply goes under the top-level comment.
    const deeper = await graph.post(`/v23.0/${reply.body.id}/replies`, { message: 'in 3 days' }, { token });
    const thread = await graph.get(`/v23.0/${asked.id}/replies`, { fields: 'text,parent_id' }, { token });
    expect(thread.body.data).toEqual([
      { text: 'We do', parent_id: asked.id, id: reply.body.id },
      { text: 'in 3 days', parent_id: asked.id, id: deeper.body.id },
    ]);

    expect((await graph.post(`/v23.0/${asked.id}`, { hide: 'true' }, { token })).body).toEqual({
      success: true,
    });
    expect((await graph.get(`/v23.0/${asked.id}`, { fields: 'hidden' }, { token })).body).toEqual({
      hidden: true,
      id: asked.id,
    });
    // Hidden comments still list for their owner, and take no replies.
    const listed = await graph.get(`/v23.0/${post.id}/comments`, { fields: 'hidden' }, { token });
    expect(listed.body.data).toContainEqual({ hidden: true, id: asked.id });
    const refused = await graph.post(`/v23.0/${asked.id}/replies`, { message: 'hi' }, { token });
    expect(refused.body.error).toMatchObject({
      code: 100,
      message: '(#100) You cannot reply to hidden comments',
    });
    await graph.post(`/v23.0/${asked.id}`, { hide: 'false' }, { token });
    expect((await graph.get(`/v23.0/${asked.id}`, { fields: 'hidden' }, { token })).body.hidden).toBe(false);

    expect((await graph.delete(`/v23.0/${asked.id}`, {}, { token })).body).toEqual({ success: true });
    for (const id of [asked.id, reply.body.id]) {
      expect((await graph.get(`/v23.0/${id}`, {}, { token })).body.error).toMatchObject({
        code: 100,
        error_subcode: 33,
      });
    }
    const after = await graph.get(`/v23.0/${post.id}/comments`, {}, { token });
    expect(after.body.data.map((c: { id: string }) => c.id)).not.toContain(asked.id);
  });

  it('turns comments off and on, refusing comments while off', async () => {
    const { graph } = server();
    const token = biz.pageToken;
    expect((await graph.post(`/v23.0/${post.id}`, { comment_enabled: 'false' }, { token })).body).toEqual({
      success: true,
    });
    expect((await graph.get(`/v23.0/${post.id}`, { fields: 'is_comment_enabled' }, { token })).body).toEqual({
      is_comment_enabled: false,
      id: post.id,
    });
    const refused = await graph.post(`/v23.0/${post.id}/comments`, { message: 'hello' }, { token });
    expect(refused.body.error).toMatchObject({ code: 100 });
    await graph.post(`/v23.0/${post.id}`, { comment_enabled: 'true' }, { token });
    expect((await graph.post(`/v23.0/${post.id}/comments`, { message: 'hello' }, { token })).status).toBe(
      200,
    );
  });

  it('refuses what Meta refuses, and leaves nothing behind', async () => {
    const { graph, sandbox } = server();
    const token = biz.igToken;
    const before = (await graph.get(`/v23.0/${post.id}`, { fields: 'comments_count' }, { token })).body;
    const missing = await graph.post(`/v23.0/${post.id}/comments`, {}, { token });
    expect(missing.body.error).toMatchObject({
      code: 100,
      message: '(#100) The parameter message is required',
    });
    const blank = await graph.post(`/v23.0/${post.id}/comments`, { message: '   ' }, { token });
    expect(blank.body.error).toMatchObject({ code: 100 });
    const hide = await graph.post(`/v23.0/${(await comment('x')).id}`, {}, { token });
    expect(hide.body.error).toMatchObject({ code: 100, message: '(#100) The parameter hide is required' });
    const readOnly = (await sandbox.token(biz.app.id, biz.ig.id, { scopes: ['instagram_business_basic'] }))
      .access_token as string;
    const denied = await graph.post(`/v23.0/${post.id}/comments`, { message: 'hi' }, { token: readOnly });
    expect(denied.body.error).toMatchObject({ code: 10 });
    const other = await createBusiness(sandbox);
    const foreign = await graph.post(
      `/v23.0/${post.id}/comments`,
      { message: 'hi' },
      { token: other.igToken },
    );
    expect(foreign.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const after = (await graph.get(`/v23.0/${post.id}`, { fields: 'comments_count' }, { token })).body;
    expect(after.comments_count).toBe(before.comments_count + 1);
    // A node that takes no POST answers as Graph does.
    const unsupported = await graph.post(`/v23.0/${biz.ig.id}`, { name: 'x' }, { token });
    expect(unsupported.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
