/**
 * `recipient: {user_ref}`: a person ticks a Page's checkbox plugin on a website; the Page hears the user_ref
 * (with no sender), may send it one message within the window the opt-in opened, answered without
 * `recipient_id` and never echoed; the person's answer carries their PSID and names the user_ref.
 */
import { MessengerClient } from 'messaging-api-messenger';
import { expect, it } from 'vitest';
import { createBusiness, type SandboxClient } from './support/clients.ts';
import { useHeardPage } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const FIELDS = ['messages', 'message_echoes', 'message_deliveries', 'messaging_optins'];
const NO_MATCH = {
  message: '(#100) No matching user found',
  type: 'OAuthException',
  code: 100,
  error_subcode: 2018001,
  fbtrace_id: expect.any(String),
};

describeEachStore('user_ref recipients', (kind) => {
  const server = useTestServer(kind);
  const world = useHeardPage(server, FIELDS);

  const sandbox = (): SandboxClient => server().sandbox;
  const tick = (personId: string, body: Record<string, unknown> = {}) =>
    sandbox().do('POST', `/users/${personId}/checkbox-optins`, { to: world.biz.page.id, ...body });
  const sendTo = (
    recipient: Record<string, unknown>,
    text = 'Your order is confirmed',
    token = world.biz.pageToken,
  ) => server().graph.post('/v23.0/me/messages', { recipient, message: { text } }, { token });
  const heard = <T>(find: (item: any) => T | undefined) =>
    world.receiver.until(() => {
      for (const item of world.receiver.items()) {
        const found = find(item);
        if (found) return found;
      }
      return undefined;
    });

  it('hears the opt-in without a sender, sends one message, and learns the PSID from the answer', async () => {
    const person = await sandbox().user();
    const ticked = await tick(person.id, { user_ref: 'cart-1001', ref: 'checkout' });
    expect(ticked).toEqual({
      user_ref: 'cart-1001',
      recipient_id: world.biz.page.id,
      timestamp: expect.any(Number),
    });
    const optin = await heard((i) => (i.optin?.user_ref === 'cart-1001' ? i : undefined));
    expect(optin).toEqual({
      recipient: { id: world.biz.page.id },
      timestamp: ticked.timestamp,
      optin: { ref: 'checkout', user_ref: 'cart-1001' },
    });

    const client = new MessengerClient({ accessToken: world.biz.pageToken, origin: server().url });
    const sent = await client.sendText({ userRef: 'cart-1001' }, 'Thanks! Your order is on its way.');
    expect(sent).toEqual({ messageId: expect.stringMatching(/^m_/) });

    const answer = await sandbox().send(person.id, world.biz.page.id, 'Great, thanks');
    const reply = await heard((i) => (i.message?.mid === answer.message_id ? i : undefined));
    expect(reply).toEqual({
      sender: { id: answer.sender_id },
      recipient: { id: world.biz.page.id },
      timestamp: answer.timestamp,
      message: { mid: answer.message_id, text: 'Great, thanks' },
      prior_message: { source: 'checkbox_plugin', identifier: 'cart-1001' },
    });
    const next = await sandbox().send(person.id, world.biz.page.id, 'One more thing');
    expect((await heard((i) => (i.message?.mid === next.message_id ? i : undefined))).prior_message).toBe(
      undefined,
    );
    // Neither echoed nor reported delivered; the PSID works from the answer on.
    expect(world.receiver.items().some((i) => JSON.stringify(i).includes(sent.messageId))).toBe(false);
    expect((await sendTo({ id: answer.sender_id }, 'How can we help?')).status).toBe(200);

    const conversation = await sandbox().do('GET', `/conversations/${answer.conversation_id}`);
    expect(conversation.message_count).toBe(4);
    expect((await sandbox().do('GET', `/users/${person.id}/optins`)).user_refs).toEqual([
      {
        user_ref: 'cart-1001',
        account_id: world.biz.page.id,
        ref: 'checkout',
        opted_in_at: ticked.timestamp,
        message_id: sent.messageId,
        answered_at: answer.timestamp,
      },
    ]);
  });

  it('answers a second message, an unknown ref or another Page’s with no matching user, and stores nothing', async () => {
    const person = await sandbox().user();
    const { user_ref } = await tick(person.id);
    expect(user_ref).toMatch(/^[0-9a-f-]{36}$/);
    const [first, second] = await Promise.all([sendTo({ user_ref }, 'one'), sendTo({ user_ref }, 'two')]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 400]);
    const won = first.status === 200 ? first : second;
    expect(won.body).toEqual({ message_id: expect.any(String) });
    expect((first.status === 400 ? first : second).body.error).toEqual(NO_MATCH);
    expect((await sendTo({ user_ref })).body.error).toEqual(NO_MATCH);
    const conversations = await sandbox().do('GET', `/accounts/${world.biz.page.id}/conversations`);
    const theirs = conversations.data.find((c: { person: { id: string } }) => c.person.id === person.id);
    expect(theirs.message_count).toBe(1);

    expect((await sendTo({ user_ref: 'never-rendered' })).body.error).toEqual(NO_MATCH);
    const other = await createBusiness(sandbox());
    expect((await sendTo({ user_ref }, 'x', other.pageToken)).body.error).toEqual(NO_MATCH);
    expect((await sendTo({ user_ref }, 'x', world.biz.igToken)).body.error).toMatchObject({
      code: 100,
      error_subcode: 2534014,
    });
  });

  it('closes the user_ref with the window its opt-in opened', async () => {
    const person = await sandbox().user();
    const { user_ref } = await tick(person.id);
    await sandbox().advanceClock(24 * 3600 + 1);
    const late = await sendTo({ user_ref });
    expect(late.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    expect((await sandbox().do('GET', `/users/${person.id}/optins`)).user_refs[0].message_id).toBeNull();
  });

  it('refuses a checkbox opt-in to an Instagram account, and a user_ref used twice', async () => {
    const person = await sandbox().user();
    const instagram = await sandbox().raw('POST', `/users/${person.id}/checkbox-optins`, {
      to: world.biz.ig.id,
      user_ref: 'x',
    });
    expect(instagram.status).toBe(400);
    expect(instagram.body.error.message).toBe(
      'The checkbox plugin belongs to Messenger: `to` must be a Page',
    );
    await tick(person.id, { user_ref: 'form-7' });
    const again = await sandbox().raw('POST', `/users/${person.id}/checkbox-optins`, {
      to: world.biz.page.id,
      user_ref: 'form-7',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `The user_ref form-7 was already used with Page ${world.biz.page.id}`,
    );
  });
});
