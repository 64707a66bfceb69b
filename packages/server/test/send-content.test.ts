/** The Send API's richer messages: stickers, shared posts, inline replies, and sender actions (templates: send-templates). */
import { expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { personWritingTo, useBusinessWithPeople } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Send API content', (kind) => {
  const server = useTestServer(kind);
  const world = useBusinessWithPeople(server);

  const send = (body: Record<string, unknown>, token = world.biz.igToken, path = '/v23.0/me/messages') =>
    server().graph.post(path, body, { token, bearer: true });

  it('sends the like_heart sticker, shares the account’s own posts, and replies inline', async () => {
    const { biz, ig, fb } = world;
    const { sandbox, graph } = server();
    const heart = await send({
      recipient: { id: ig.scopedId },
      message: { attachment: { type: 'like_heart' } },
    });
    expect(heart.status).toBe(200);
    const post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, { caption: 'New roast' });
    const share = await send({
      recipient: { id: ig.scopedId },
      message: { attachment: { type: 'MEDIA_SHARE', payload: { id: post.id } } },
    });
    const shared = await graph.get(
      `/v23.0/${share.body.message_id}`,
      { fields: 'shares' },
      { token: biz.igToken },
    );
    expect(shared.body.shares).toEqual({ data: [{ link: post.permalink, id: post.id }] });
    const other = await createBusiness(sandbox);
    const theirs = await sandbox.do('POST', `/accounts/${other.ig.id}/media`, {});
    const refused = await send({
      recipient: { id: ig.scopedId },
      message: { attachment: { type: 'MEDIA_SHARE', payload: { id: theirs.id } } },
    });
    expect(refused.body.error).toMatchObject({ code: 100, error_subcode: 2534015 });
    expect(
      (
        await send(
          { recipient: { id: fb.scopedId }, message: { attachment: { type: 'like_heart' } } },
          biz.pageToken,
        )
      ).body.error.code,
    ).toBe(100);

    const reply = await send({
      recipient: { id: ig.scopedId },
      reply_to: { mid: ig.firstMessageId },
      message: { text: 'About that…' },
    });
    const detail = await graph.get(
      `/v23.0/${reply.body.message_id}`,
      { fields: 'reply_to' },
      { token: biz.igToken },
    );
    expect(detail.body.reply_to).toEqual({ mid: ig.firstMessageId, is_self_reply: false });
    expect(
      (
        await send({
          recipient: { id: ig.scopedId },
          reply_to: { mid: fb.firstMessageId },
          message: { text: 'x' },
        })
      ).body.error.code,
    ).toBe(100);
  });

  it('performs sender actions: typing, mark_seen, react and unreact', async () => {
    const { biz, ig, fb } = world;
    const { sandbox, graph } = server();
    const fresh = await personWritingTo(sandbox, biz.ig.id);
    const action = (sender_action: string, payload?: unknown) =>
      send({ recipient: { id: fresh.scopedId }, sender_action, ...(payload !== undefined && { payload }) });
    expect((await action('typing_on')).body).toEqual({ recipient_id: fresh.scopedId });
    expect((await action('typing_off')).body).toEqual({ recipient_id: fresh.scopedId });
    expect((await sandbox.do('GET', `/conversations/${fresh.conversationId}`)).unread_count).toBe(1);
    expect((await action('mark_seen')).body).toEqual({ recipient_id: fresh.scopedId });
    expect((await sandbox.do('GET', `/conversations/${fresh.conversationId}`)).unread_count).toBe(0);

    expect((await action('react', { message_id: fresh.firstMessageId, reaction: 'love' })).status).toBe(200);
    const reacted = await graph.get(
      `/v23.0/${fresh.firstMessageId}`,
      { fields: 'reactions' },
      { token: biz.igToken },
    );
    expect(reacted.body.reactions.data).toEqual([
      { reaction: 'love', users: [{ username: biz.ig.username, id: biz.ig.id }] },
    ]);
    expect(
      (await action('react', { message_id: fresh.firstMessageId, reaction: 'like' })).body.error.code,
    ).toBe(100);
    expect((await action('react', { message_id: ig.firstMessageId, reaction: 'love' })).body.error.code).toBe(
      100,
    );
    expect((await action('unreact', { message_id: fresh.firstMessageId })).status).toBe(200);
    expect(
      (await graph.get(`/v23.0/${fresh.firstMessageId}`, { fields: 'reactions' }, { token: biz.igToken }))
        .body.reactions,
    ).toBeUndefined();
    expect((await action('dance')).body.error.code).toBe(100);

    const messengerReact = await send(
      {
        recipient: { id: fb.scopedId },
        sender_action: 'react',
        payload: { message_id: fb.firstMessageId, reaction: '😮' },
      },
      biz.pageToken,
    );
    expect(messengerReact.status).toBe(200);
  });
});
