/**
 * Private replies from both sides: the business answers a person's Instagram comment, Page comment or post on
 * its Page (`recipient: {comment_id}` / `{post_id}`) once, privately; the person sees it in a thread that
 * links the comment, in their Requests unless they follow the account, with no messaging window open until
 * they answer. Webhooks (the echo, the visitor post, the answer) reach a real receiver.
 */
import { expect, it } from 'vitest';
import type { SandboxClient } from './support/clients.ts';
import { useHeardBusiness } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const INSTAGRAM = ['messages', 'comments'];
const PAGE = ['messages', 'message_echoes', 'message_deliveries', 'feed'];

/** The button template of Meta's Messenger private-replies page. */
const GIFT_BUDGET = {
  attachment: {
    type: 'template',
    payload: {
      template_type: 'button',
      text: 'Of course, what is your budget for the gift?',
      buttons: [
        { type: 'postback', title: 'LESS THAN $20', payload: 'GIFT_BUDGET_20_PAYLOAD' },
        { type: 'postback', title: '$20 TO $50', payload: 'GIFT_BUDGET_20_TO_50_PAYLOAD' },
      ],
    },
  },
};

describeEachStore('Private replies', (kind) => {
  const server = useTestServer(kind);
  const world = useHeardBusiness(server, { instagram: INSTAGRAM, page: PAGE });

  const sandbox = (): SandboxClient => server().sandbox;
  const publish = (accountId: string, caption = 'Autumn blend') =>
    sandbox().do('POST', `/accounts/${accountId}/media`, { caption });
  const comment = (personId: string, mediaId: string, text: string) =>
    sandbox().do('POST', `/users/${personId}/comments`, { media_id: mediaId, text });
  const send = (path: string, token: string, body: Record<string, unknown>) =>
    server().graph.post(`/v23.0/${path}/messages`, body, { token });
  /** The messaging item carrying this message id, once it arrives. */
  const heard = (mid: string, echo = true) =>
    world.receiver.until(() =>
      world.receiver.items().find((i) => i.message?.mid === mid && (i.message.is_echo === true) === echo),
    );
  const conversationOf = (id: string) => sandbox().do('GET', `/conversations/${id}`);

  it('answers an Instagram comment once, in a thread the person sees in Requests, without opening the window', async () => {
    const { biz } = world;
    const rosa = await sandbox().user({ name: 'Rosa Diaz' });
    const post = await publish(biz.ig.id);
    const asked = await comment(rosa.id, post.id, 'price?');

    const sent = await send('me', biz.igToken, {
      recipient: { comment_id: asked.id },
      message: { text: '12€ for 250 g: small or large?' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ recipient_id: asked.sender_id, message_id: expect.stringMatching(/^aWdf/) });
    const mid = sent.body.message_id as string;

    // The echo, as any message the business sends (Instagram Login carries it on `messages`).
    const echo = await heard(mid);
    expect(echo).toEqual({
      sender: { id: biz.ig.id },
      recipient: { id: asked.sender_id },
      timestamp: expect.any(Number),
      message: { mid, text: '12€ for 250 g: small or large?', is_echo: true },
    });

    // The Conversations API has the thread; the business's inbox files it under General (answered through
    // the API), the person's under Requests (they do not follow the account).
    const listed = await server().graph.get(
      '/v23.0/me/conversations',
      { user_id: asked.sender_id, fields: 'messages{message,from}' },
      { token: biz.igToken },
    );
    expect(listed.body.data).toEqual([
      {
        id: expect.any(String),
        messages: {
          data: [
            {
              message: '12€ for 250 g: small or large?',
              from: expect.objectContaining({ id: biz.ig.id }),
              id: mid,
            },
          ],
          paging: expect.anything(),
        },
      },
    ]);
    const conversationId = listed.body.data[0].id as string;
    expect(await conversationOf(conversationId)).toMatchObject({
      folder: 'general',
      user_folder: 'requests',
      last_user_activity_time: null,
    });
    const message = await server().graph.get(
      `/v23.0/${mid}`,
      { fields: 'message,to' },
      { token: biz.igToken },
    );
    expect(message.body).toEqual({
      message: '12€ for 250 g: small or large?',
      to: { data: [expect.objectContaining({ id: asked.sender_id })] },
      id: mid,
    });

    // The person's side: the thread's message links the comment and the post, and the comment shows its reply.
    const thread = await sandbox().do('GET', `/conversations/${conversationId}/messages`);
    expect(thread.data).toEqual([
      expect.objectContaining({
        id: mid,
        from: 'business',
        context: expect.objectContaining({
          private_reply: { comment_id: asked.id, media_id: post.id, permalink: post.permalink },
        }),
      }),
    ]);
    const comments = await sandbox().do('GET', `/media/${post.id}/comments`);
    expect(comments.data[0]).toMatchObject({
      id: asked.id,
      private_reply: { message_id: mid, conversation_id: conversationId },
    });

    // No window until the person answers.
    const early = await send('me', biz.igToken, {
      recipient: { id: asked.sender_id },
      message: { text: 'hi?' },
    });
    expect(early.body.error).toMatchObject({ code: 10, error_subcode: 2534022, type: 'IGApiException' });
    const answer = await sandbox().send(rosa.id, biz.ig.id, 'large please');
    expect(answer.conversation_id).toBe(conversationId);
    expect((await heard(answer.message_id, false)).sender).toEqual({ id: asked.sender_id });
    expect(await conversationOf(conversationId)).toMatchObject({ folder: 'general', user_folder: 'inbox' });
    const goesOn = await send('me', biz.igToken, {
      recipient: { id: asked.sender_id },
      message: { text: 'Large is 4.20' },
    });
    expect(goesOn.status).toBe(200);
    expect((await conversationOf(conversationId)).message_count).toBe(3);
  });

  it("answers a follower's comment through the Page's token: in the person's inbox, the same IGSID", async () => {
    const { biz } = world;
    const follower = await sandbox().user();
    await sandbox().follow(follower.id, biz.ig.id);
    const post = await publish(biz.ig.id);
    const asked = await comment(follower.id, post.id, 'How much?');
    const sent = await send(biz.page.id, biz.pageToken, {
      recipient: { comment_id: asked.id },
      message: {
        text: 'Which size?',
        quick_replies: [{ content_type: 'text', title: 'Large', payload: 'LARGE' }],
      },
    });
    expect(sent.body).toEqual({ recipient_id: asked.sender_id, message_id: expect.stringMatching(/^aWdf/) });
    const comments = await sandbox().do('GET', `/media/${post.id}/comments`);
    const conversation = await conversationOf(comments.data[0].private_reply.conversation_id);
    expect(conversation).toMatchObject({ platform: 'instagram', folder: 'general', user_folder: 'inbox' });
  });

  it('answers a comment on a Page post: the PSID, an inbox thread, the echo and delivery, then 10900', async () => {
    const { biz } = world;
    const sam = await sandbox().user({ name: 'Sam Okafor' });
    const post = await publish(biz.page.id, 'Cupping class on Saturday');
    const asked = await comment(sam.id, post.id, 'Any seats left?');
    expect(asked.id).toMatch(/^\d+_\d+$/);
    // Meta's `can_reply_privately` tells a bot ahead whether the reply would go.
    const canReply = async (id: string) =>
      (await server().graph.get(`/v23.0/${id}`, { fields: 'can_reply_privately' }, { token: biz.pageToken }))
        .body.can_reply_privately;
    expect(await canReply(asked.id)).toBe(true);
    expect(await canReply(post.id)).toBe(false);
    const reply = { recipient: { comment_id: asked.id }, message: { text: 'Two left! Shall I keep one?' } };
    const sent = await send(biz.page.id, biz.pageToken, reply);
    expect(sent.body).toEqual({ recipient_id: asked.sender_id, message_id: expect.stringMatching(/^m_/) });
    const mid = sent.body.message_id as string;
    expect((await heard(mid)).recipient).toEqual({ id: asked.sender_id });
    await world.receiver.until(() => world.receiver.items().find((i) => i.delivery?.mids?.includes(mid)));
    const comments = await sandbox().do('GET', `/media/${post.id}/comments`);
    const { conversation_id } = comments.data[0].private_reply;
    expect(await conversationOf(conversation_id)).toMatchObject({
      platform: 'messenger',
      folder: 'inbox',
      user_folder: 'inbox',
      message_count: 1,
    });

    expect(await canReply(asked.id)).toBe(false);
    const again = await send(biz.page.id, biz.pageToken, reply);
    expect(again.status).toBe(400);
    expect(again.body.error).toEqual({
      message: '(#10900) Activity already replied to',
      type: 'OAuthException',
      code: 10900,
      fbtrace_id: expect.any(String),
    });
    const early = await send('me', biz.pageToken, {
      recipient: { id: asked.sender_id },
      message: { text: '?' },
    });
    expect(early.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    const answer = await sandbox().send(sam.id, biz.page.id, 'Yes please');
    expect((await heard(answer.message_id, false)).message.text).toBe('Yes please');
    const goesOn = await send('me', biz.pageToken, {
      recipient: { id: asked.sender_id },
      message: { text: 'Done' },
    });
    expect(goesOn.status).toBe(200);
  });

  it("answers a person's post on the Page (a visitor post) by post_id, with a template", async () => {
    const { biz } = world;
    const pat = await sandbox().user({ name: 'Pat Nguyen' });
    const visitorPost = await sandbox().do('POST', `/users/${pat.id}/media`, {
      to: biz.page.id,
      caption: 'Hi, I want to buy a gift for my nephew. Do you have any suggestions?',
    });
    // People post on Pages' timelines, not on Instagram accounts.
    const onInstagram = await sandbox().raw('POST', `/users/${pat.id}/media`, {
      to: biz.ig.id,
      caption: 'Hi',
    });
    expect([onInstagram.status, onInstagram.body.error.message]).toEqual([
      400,
      'to: people post on the timeline of a Page only',
    ]);
    expect(visitorPost).toMatchObject({
      id: expect.stringMatching(new RegExp(`^${biz.page.id}_\\d+$`)),
      account_id: biz.page.id,
      user_id: pat.id,
      private_reply: null,
    });
    // The Page hears it on `feed`, with the person's PSID.
    const [change] = await world.receiver.until(() => {
      const found = world.receiver.changes().filter((c) => c.value.post_id === visitorPost.id);
      return found.length ? found : undefined;
    });
    expect(change).toMatchObject({ object: 'page', entryId: biz.page.id, field: 'feed' });
    expect(change!.value).toEqual({
      from: { id: expect.any(String), name: 'Pat Nguyen' },
      message: 'Hi, I want to buy a gift for my nephew. Do you have any suggestions?',
      post_id: visitorPost.id,
      created_time: Math.floor(visitorPost.timestamp / 1000),
      item: 'status',
      published: 1,
      verb: 'add',
    });

    // Read by id, it is the person's, and open to a private reply.
    const read = () =>
      server().graph.get(
        `/v23.0/${visitorPost.id}`,
        { fields: 'from,can_reply_privately' },
        { token: biz.pageToken },
      );
    expect((await read()).body).toEqual({
      from: { name: 'Pat Nguyen', id: change!.value.from.id },
      can_reply_privately: true,
      id: visitorPost.id,
    });

    const reply = { recipient: { post_id: visitorPost.id }, message: GIFT_BUDGET };
    const sent = await send(biz.page.id, biz.pageToken, reply);
    expect((await read()).body.can_reply_privately).toBe(false);
    expect(sent.body).toEqual({
      recipient_id: change!.value.from.id,
      message_id: expect.stringMatching(/^m_/),
    });
    const viewed = await sandbox().do('GET', `/media/${visitorPost.id}`);
    expect(viewed.private_reply).toEqual({
      message_id: sent.body.message_id,
      conversation_id: expect.any(String),
    });
    const thread = await sandbox().do(
      'GET',
      `/conversations/${viewed.private_reply.conversation_id}/messages`,
    );
    expect(thread.data[0].context.private_reply).toEqual({
      media_id: visitorPost.id,
      permalink: visitorPost.permalink,
    });
    expect((await send(biz.page.id, biz.pageToken, reply)).body.error.code).toBe(10900);
  });
});
