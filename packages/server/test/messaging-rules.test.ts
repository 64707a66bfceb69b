/** The rules that decide whether a business may send, and what a send does to the conversation. */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { personWritingTo, type Business } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;

describeEachStore('Messaging rules', (kind) => {
  const server = useTestServer(kind);
  let biz: Business;
  let plain: Business;

  beforeAll(async () => {
    biz = await createBusiness(server().sandbox, { features: ['human_agent'] });
    plain = await createBusiness(server().sandbox);
  });

  const send = (token: string, to: string, extra: Record<string, unknown> = {}) =>
    server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: to }, message: { text: 'Hello' }, ...extra },
      { token },
    );

  it('closes the window 24 hours after the person’s last message', async () => {
    const { sandbox } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    const fb = await personWritingTo(sandbox, biz.page.id);
    await sandbox.advanceClock(23 * HOUR);
    expect((await send(biz.igToken, ig.scopedId)).status).toBe(200);
    expect((await send(biz.pageToken, fb.scopedId)).status).toBe(200);
    // The business's own messages do not extend it.
    await sandbox.advanceClock(HOUR + 1);
    const igLate = await send(biz.igToken, ig.scopedId);
    expect(igLate.status).toBe(400);
    expect(igLate.body.error).toMatchObject({
      code: 10,
      error_subcode: 2534022,
      type: 'IGApiException',
      message: '(#10) This message is sent outside of allowed window.',
    });
    const fbLate = await send(biz.pageToken, fb.scopedId);
    expect(fbLate.body.error).toMatchObject({ code: 10, error_subcode: 2018278, type: 'OAuthException' });
    expect(fbLate.body.error.message).toMatch(
      /^\(#10\) This message is sent outside of allowed window\. Learn more/,
    );
    const typing = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: ig.scopedId }, sender_action: 'typing_on' },
      { token: biz.igToken },
    );
    expect(typing.body.error.error_subcode).toBe(2534022);
  });

  it('reopens the window on a new message, a postback, a referral or a reaction', async () => {
    const { sandbox } = server();
    type Person = Awaited<ReturnType<typeof personWritingTo>>;
    const openers: ((p: Person, businessMid: string) => Promise<unknown>)[] = [
      (p) => sandbox.send(p.person.id, biz.page.id, 'me again'),
      (p) =>
        sandbox.do('POST', `/users/${p.person.id}/postbacks`, {
          to: biz.page.id,
          title: 'Get Started',
          payload: 'START',
        }),
      (p) =>
        sandbox.do('POST', `/users/${p.person.id}/referrals`, {
          to: biz.page.id,
          ref: 'ad-42',
          source: 'ADS',
        }),
      (p, mid) =>
        sandbox.do('POST', `/users/${p.person.id}/reactions`, { message_id: mid, reaction: 'like' }),
    ];
    for (const open of openers) {
      const p = await personWritingTo(sandbox, biz.page.id);
      const businessMid = (await send(biz.pageToken, p.scopedId)).body.message_id as string;
      await sandbox.advanceClock(DAY + 1);
      expect((await send(biz.pageToken, p.scopedId)).status).toBe(400);
      await open(p, businessMid);
      expect((await send(biz.pageToken, p.scopedId)).status).toBe(200);
    }
  });

  it('reopens the Messenger window on a plugin opt-in, not on a marketing-messages opt-in', async () => {
    const { sandbox } = server();
    const fb = await personWritingTo(sandbox, biz.page.id);
    await sandbox.advanceClock(2 * DAY);
    await sandbox.do('POST', `/users/${fb.person.id}/optins`, {
      to: biz.page.id,
      type: 'notification_messages',
    });
    expect((await send(biz.pageToken, fb.scopedId)).body.error.error_subcode).toBe(2018278);
    await sandbox.do('POST', `/users/${fb.person.id}/optins`, { to: biz.page.id, ref: 'checkbox' });
    expect((await send(biz.pageToken, fb.scopedId)).status).toBe(200);
  });

  it('stretches the window to 7 days with HUMAN_AGENT, for apps with the feature only', async () => {
    const { sandbox } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    await sandbox.advanceClock(3 * DAY);
    expect((await send(biz.igToken, ig.scopedId)).body.error.error_subcode).toBe(2534022);
    const tagged = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    expect((await send(biz.igToken, ig.scopedId, tagged)).status).toBe(200);
    await sandbox.advanceClock(4 * DAY + 1);
    expect((await send(biz.igToken, ig.scopedId, tagged)).body.error.error_subcode).toBe(2534022);

    const p = await personWritingTo(sandbox, plain.ig.id);
    const refused = await send(plain.igToken, p.scopedId, tagged);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 10, type: 'IGApiException' });
    expect(refused.body.error.message).toContain(
      "To use 'Human Agent', your use of this endpoint must be reviewed and approved by Facebook.",
    );
    const feedback = await send(biz.igToken, ig.scopedId, {
      messaging_type: 'MESSAGE_TAG',
      tag: 'CUSTOMER_FEEDBACK',
    });
    expect(feedback.body.error.message).toBe(
      '(#100) Param tag must be one of {HUMAN_AGENT} - got "CUSTOMER_FEEDBACK"',
    );
  });

  it('answers 551 to a person who blocked the business, until they unblock it', async () => {
    const { sandbox } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    const fb = await personWritingTo(sandbox, biz.page.id);
    for (const [person, account] of [
      [ig, biz.ig.id],
      [fb, biz.page.id],
    ] as const) {
      expect(await sandbox.do('POST', `/users/${person.person.id}/blocks`, { account_id: account })).toEqual({
        success: true,
        blocked: true,
      });
    }
    const refused = await send(biz.igToken, ig.scopedId);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 551,
      error_subcode: 1545041,
      type: 'IGApiException',
      message: "(#551) This person isn't available right now.",
    });
    expect((await send(biz.pageToken, fb.scopedId)).body.error).toMatchObject({
      code: 551,
      type: 'OAuthException',
    });
    const typing = await send(biz.igToken, ig.scopedId, { message: undefined, sender_action: 'typing_on' });
    expect(typing.body.error.code).toBe(551);
    // Nor does a private reply reach them.
    const post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, {});
    const comment = await sandbox.do('POST', `/users/${ig.person.id}/comments`, {
      media_id: post.id,
      text: '?',
    });
    const reply = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { comment_id: comment.id }, message: { text: 'x' } },
      { token: biz.igToken },
    );
    expect(reply.body.error.code).toBe(551);
    await sandbox.do('DELETE', `/users/${ig.person.id}/blocks/${biz.ig.id}`);
    expect((await send(biz.igToken, ig.scopedId)).status).toBe(200);
  });

  it('answers 200/2534041 while the Instagram account owner has turned off access to messages', async () => {
    const { sandbox } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    const off = await sandbox.do('PATCH', `/accounts/${biz.ig.id}`, { allow_messages_access: false });
    expect(off.allow_messages_access).toBe(false);
    for (const token of [biz.igToken, biz.pageToken]) {
      const refused = await send(token, ig.scopedId);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 200,
        error_subcode: 2534041,
        message: '(#200) The account owner has disabled access to instagram direct messages',
      });
    }
    expect(
      (await sandbox.raw('PATCH', `/accounts/${biz.page.id}`, { allow_messages_access: false })).status,
    ).toBe(400);
    await sandbox.do('PATCH', `/accounts/${biz.ig.id}`, { allow_messages_access: true });
    expect((await send(biz.igToken, ig.scopedId)).status).toBe(200);
  });

  it('refuses to start a conversation: a person who never wrote is outside the window', async () => {
    const { sandbox } = server();
    const person = await sandbox.user();
    const post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, {});
    const comment = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: post.id,
      text: 'Price?',
    });
    expect((await send(biz.igToken, comment.sender_id)).body.error).toMatchObject({
      code: 10,
      error_subcode: 2534022,
    });
  });

  it('answers comments once each with a private reply, within 7 days', async () => {
    const { sandbox, graph } = server();
    const person = await sandbox.user();
    const post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, { caption: 'Autumn blend' });
    const comment = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: post.id,
      text: 'How much is it?',
    });
    const reply = () =>
      graph.post(
        '/v23.0/me/messages',
        { recipient: { comment_id: comment.id }, message: { text: '12€, sent you the details!' } },
        { token: biz.igToken },
      );
    const first = await reply();
    expect(first.body).toEqual({
      recipient_id: comment.sender_id,
      message_id: expect.stringMatching(/^aWdf/),
    });
    const listed = await graph.get(
      '/v23.0/me/conversations',
      { user_id: comment.sender_id },
      { token: biz.igToken },
    );
    expect(listed.body.data).toHaveLength(1);
    const again = await reply();
    expect(again.body.error).toMatchObject({
      code: 100,
      error_subcode: 2534025,
      message: '(#100) The comment is invalid for a private reply',
    });

    const late = await sandbox.do('POST', `/users/${person.id}/comments`, {
      media_id: post.id,
      text: 'hello?',
    });
    await sandbox.advanceClock(7 * DAY + 1);
    const tooLate = await graph.post(
      '/v23.0/me/messages',
      { recipient: { comment_id: late.id }, message: { text: 'sorry' } },
      { token: biz.igToken },
    );
    expect(tooLate.body.error.error_subcode).toBe(2534025);
    const unknown = await graph.post(
      '/v23.0/me/messages',
      { recipient: { comment_id: '404' }, message: { text: 'x' } },
      { token: biz.igToken },
    );
    expect(unknown.body.error.error_subcode).toBe(2534025);
    const foreign = await graph.post(
      '/v23.0/me/messages',
      { recipient: { comment_id: comment.id }, message: { text: 'x' } },
      { token: plain.igToken },
    );
    expect(foreign.body.error.error_subcode).toBe(2534025);
  });

  it('counts sent messages among the 20 most recent, and keeps answered conversations out of the 30-day rule', async () => {
    const { sandbox, graph } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    for (let i = 0; i < 20; i++) expect((await send(biz.igToken, ig.scopedId)).status).toBe(200);
    const old = await graph.get(`/v23.0/${ig.firstMessageId}`, { fields: 'message' }, { token: biz.igToken });
    expect(old.body.error.code).toBe(9000001);
    await sandbox.advanceClock(31 * DAY);
    const list = await graph.get('/v23.0/me/conversations', { user_id: ig.scopedId }, { token: biz.igToken });
    expect(list.body.data).toEqual([{ id: ig.conversationId }]);
  });
});
