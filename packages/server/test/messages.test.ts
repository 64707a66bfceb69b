/** A conversation's messages and the Message node: shapes per platform, the 20-most-recent rule, unsend and edit. */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;

describeEachStore('Messages', (kind) => {
  const server = useTestServer(kind);
  let biz: Awaited<ReturnType<typeof createBusiness>>;

  beforeAll(async () => {
    biz = await createBusiness(server().sandbox);
  });

  async function conversationWith(count: number, to = biz.ig.id) {
    const { sandbox } = server();
    const person = await sandbox.user({ name: 'Mia Park' });
    const sent = [];
    for (let i = 1; i <= count; i++) sent.push(await sandbox.send(person.id, to, `message ${i}`));
    return {
      person,
      sent,
      conversationId: sent[0]!.conversation_id as string,
      senderId: sent[0]!.sender_id as string,
    };
  }

  it('lists every message id and created_time, newest first, as a field and as an edge', async () => {
    const { graph } = server();
    const { sent, conversationId } = await conversationWith(3);
    const node = await graph.get(`/v23.0/${conversationId}`, { fields: 'messages' }, { token: biz.igToken });
    expect(node.status).toBe(200);
    expect(Object.keys(node.body)).toEqual(['messages', 'id']);
    expect(node.body.messages.data).toEqual(
      [...sent].reverse().map((s) => ({ id: s.message_id, created_time: expect.stringMatching(GRAPH_TIME) })),
    );
    const edge = await graph.get(`/v23.0/${conversationId}/messages`, {}, { token: biz.igToken });
    expect(edge.body.data).toEqual(node.body.messages.data);
  });

  it('lists all ids of a long conversation, paged, while details stop after the newest 20', async () => {
    const { graph } = server();
    const { sent, conversationId } = await conversationWith(30);
    const newestFirst = [...sent].reverse().map((s) => s.message_id);

    const page1 = await graph.get(`/v23.0/${conversationId}/messages`, { limit: 25 }, { token: biz.igToken });
    const page2 = await graph.follow(page1.body.paging.next);
    expect([...page1.body.data, ...page2.body.data].map((m: { id: string }) => m.id)).toEqual(newestFirst);

    const recent = await graph.get(
      `/v23.0/${newestFirst[19]}`,
      { fields: 'id,created_time,message' },
      { token: biz.igToken },
    );
    expect(recent.body.message).toBe('message 11');
    const old = await graph.get(
      `/v23.0/${newestFirst[20]}`,
      { fields: 'id,created_time,message' },
      { token: biz.igToken },
    );
    expect(old.status).toBe(400);
    expect(old.body.error).toMatchObject({
      code: 9000001,
      type: 'IGApiException',
      message: 'This Message has been deleted by the user or the business.',
    });
    const bare = await graph.get(`/v23.0/${newestFirst[29]}`, {}, { token: biz.igToken });
    expect(bare.body.error.code).toBe(9000001);
    // A message takes no DELETE, old or new: the same "unsupported" answer either way.
    for (const mid of [newestFirst[0], newestFirst[29]]) {
      const deleted = await graph.post(`/v23.0/${mid}`, { method: 'delete' }, { token: biz.igToken });
      expect(deleted.body.error).toMatchObject({ code: 100, error_subcode: 33 });
      expect(deleted.body.error.message).toMatch(/^Unsupported delete request/);
    }

    // Nested, older messages keep their id and time only.
    const nested = await graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'messages.limit(30){message}' },
      { token: biz.igToken },
    );
    const data = nested.body.messages.data;
    expect(data[19]).toEqual({ message: 'message 11', id: newestFirst[19] });
    expect(data[20]).toEqual({ id: newestFirst[20] });
  });

  it('answers message details shaped like the Instagram docs', async () => {
    const { graph } = server();
    const { sent, senderId, person } = await conversationWith(1);
    const res = await graph.get(
      `/v23.0/${sent[0]!.message_id}`,
      { fields: 'id,created_time,from,to,message' },
      { token: biz.igToken },
    );
    const username = (await server().sandbox.do('GET', `/users/${person.id}`)).username;
    expect(res.body).toEqual({
      id: sent[0]!.message_id,
      created_time: expect.stringMatching(GRAPH_TIME),
      from: { username, id: senderId },
      to: { data: [{ username: biz.ig.username, id: biz.ig.id }] },
      message: 'message 1',
    });
    const defaults = await graph.get(`/v23.0/${sent[0]!.message_id}`, {}, { token: biz.igToken });
    expect(Object.keys(defaults.body)).toEqual(['id', 'created_time']);
  });

  it('answers Messenger message details with name and email', async () => {
    const { graph } = server();
    const { sent, senderId } = await conversationWith(1, biz.page.id);
    const res = await graph.get(
      `/v23.0/${sent[0]!.message_id}`,
      { fields: 'from,to,message,tags' },
      { token: biz.pageToken },
    );
    expect(res.body.from).toEqual({ name: 'Mia Park', email: `${senderId}@facebook.com`, id: senderId });
    expect(res.body.to).toEqual({
      data: [{ name: biz.page.name, email: `${biz.page.id}@facebook.com`, id: biz.page.id }],
    });
    expect(res.body.tags.data).toEqual([{ name: 'inbox' }]);
    expect(sent[0]!.message_id).toMatch(/^m_/);
    expect(sent[0]!.conversation_id).toMatch(/^t_/);
  });

  it('renders attachments, shares, stories and reply_to', async () => {
    const { graph, sandbox } = server();
    const { person, sent } = await conversationWith(1);
    const photo = await sandbox.do('POST', `/users/${person.id}/messages`, {
      to: biz.ig.id,
      attachments: [{ type: 'image', url: 'https://cdn.example/p.jpg' }],
    });
    const share = await sandbox.do('POST', `/users/${person.id}/messages`, {
      to: biz.ig.id,
      attachments: [{ type: 'share', url: 'https://www.instagram.com/p/abc/' }],
    });
    const mention = await sandbox.do('POST', `/users/${person.id}/messages`, {
      to: biz.ig.id,
      attachments: [{ type: 'story_mention', url: 'https://cdn.example/story.mp4', id: '18000000000000001' }],
    });
    const storyReply = await sandbox.do('POST', `/users/${person.id}/messages`, {
      to: biz.ig.id,
      text: 'love this story',
      reply_to: { story: { id: '18000000000000002', url: 'https://cdn.example/s2.jpg' } },
    });
    const reply = await sandbox.do('POST', `/users/${person.id}/messages`, {
      to: biz.ig.id,
      text: 'as I said',
      reply_to: sent[0]!.message_id,
    });
    const get = async (id: string, fields: string) =>
      (await graph.get(`/v23.0/${id}`, { fields }, { token: biz.igToken })).body;

    expect(await get(photo.message_id, 'message,attachments')).toEqual({
      message: '',
      attachments: {
        data: [
          {
            id: expect.stringMatching(/^\d+$/),
            image_data: { url: 'https://cdn.example/p.jpg', preview_url: 'https://cdn.example/p.jpg' },
          },
        ],
      },
      id: photo.message_id,
    });
    expect((await get(share.message_id, 'shares')).shares).toEqual({
      data: [{ link: 'https://www.instagram.com/p/abc/' }],
    });
    expect((await get(mention.message_id, 'story')).story).toEqual({
      mention: { link: 'https://cdn.example/story.mp4', id: '18000000000000001' },
    });
    expect((await get(storyReply.message_id, 'story,message')).story).toEqual({
      reply_to: { link: 'https://cdn.example/s2.jpg', id: '18000000000000002' },
    });
    expect((await get(reply.message_id, 'reply_to')).reply_to).toEqual({
      mid: sent[0]!.message_id,
      is_self_reply: true,
    });
    expect(await get(sent[0]!.message_id, 'reply_to,is_unsupported')).toEqual({
      is_unsupported: false,
      id: sent[0]!.message_id,
    });
    const conversation = await graph.get(
      `/v23.0/${photo.conversation_id}`,
      { fields: 'snippet' },
      { token: biz.igToken },
    );
    expect(conversation.body.snippet).toBe('as I said');
  });

  it('shows a person’s reaction, and takes it away on unreact', async () => {
    const { graph, sandbox } = server();
    const { person, sent, senderId } = await conversationWith(1);
    const mid = sent[0]!.message_id;
    await sandbox.do('POST', `/users/${person.id}/reactions`, { message_id: mid, reaction: 'love' });
    const res = await graph.get(`/v23.0/${mid}`, { fields: 'reactions' }, { token: biz.igToken });
    expect(res.body.reactions).toEqual({
      data: [{ reaction: 'love', users: [{ username: expect.any(String), id: senderId }] }],
    });
    await sandbox.do('POST', `/users/${person.id}/reactions`, { message_id: mid, action: 'unreact' });
    const after = await graph.get(`/v23.0/${mid}`, { fields: 'reactions' }, { token: biz.igToken });
    expect(after.body).toEqual({ id: mid });
  });

  it('drops an unsent message from the list and the counts; its details read as deleted', async () => {
    const { graph, sandbox } = server();
    const { sent, conversationId } = await conversationWith(3);
    await sandbox.do('DELETE', `/messages/${sent[2]!.message_id}`);
    const list = await graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'messages,message_count,unread_count,snippet' },
      { token: biz.igToken },
    );
    expect(list.body.messages.data.map((m: { id: string }) => m.id)).toEqual([
      sent[1]!.message_id,
      sent[0]!.message_id,
    ]);
    expect(list.body).toMatchObject({ message_count: 2, unread_count: 2, snippet: 'message 2' });
    const detail = await graph.get(`/v23.0/${sent[2]!.message_id}`, {}, { token: biz.igToken });
    expect(detail.body.error.code).toBe(9000001);
    expect((await sandbox.raw('DELETE', `/messages/${sent[2]!.message_id}`)).status).toBe(404);
  });

  it('takes concurrent unsends and edits of one message one at a time', async () => {
    const { graph, sandbox } = server();
    const { sent, conversationId } = await conversationWith(3);
    const [first, second] = [sent[0]!.message_id, sent[1]!.message_id];
    const edits = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        sandbox.do('POST', `/messages/${first}/edit`, { text: `edit ${i}` }),
      ),
    );
    expect(edits.map((e) => e.num_edit).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const unsends = await Promise.all(
      Array.from({ length: 4 }, () => sandbox.raw('DELETE', `/messages/${second}`)),
    );
    expect(unsends.map((r) => r.status).sort()).toEqual([200, 404, 404, 404]);
    const conversation = await graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'message_count' },
      { token: biz.igToken },
    );
    expect(conversation.body.message_count).toBe(2);
  });

  it('shows an edited message’s new text', async () => {
    const { graph, sandbox } = server();
    const { sent } = await conversationWith(1);
    const edited = await sandbox.do('PATCH', `/messages/${sent[0]!.message_id}`, { text: 'fixed typo' });
    expect(edited).toEqual({ success: true, num_edit: 1 });
    const res = await graph.get(
      `/v23.0/${sent[0]!.message_id}`,
      { fields: 'message' },
      { token: biz.igToken },
    );
    expect(res.body.message).toBe('fixed typo');
  });
});
