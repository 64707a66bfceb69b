/**
 * Marketing messages (`recipient: {notification_messages_token}`): a person opts in to a topic, the business
 * hears the token and may send to it outside the messaging window, once per period, until the token expires
 * or the person stops these messages. Every refusal with Meta's envelope, and nothing stored after one.
 */
import { expect, it } from 'vitest';
import { createBusiness, type SandboxClient } from './support/clients.ts';
import { personWritingTo, useHeardPage, type Person } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const DAY = 24 * 3600;
const FIELDS = ['messages', 'message_echoes', 'messaging_optins'];

function monthsLater(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

describeEachStore('Marketing messages', (kind) => {
  const server = useTestServer(kind);
  const world = useHeardPage(server, FIELDS);

  const sandbox = (): SandboxClient => server().sandbox;
  const optIn = (person: Person, body: Record<string, unknown> = {}) =>
    sandbox().do('POST', `/users/${person.person.id}/optins`, {
      to: world.biz.page.id,
      type: 'notification_messages',
      ...body,
    });
  const sendTo = (
    recipient: Record<string, unknown>,
    text = 'This week: 20% off',
    token = world.biz.pageToken,
  ) => server().graph.post('/v23.0/me/messages', { recipient, message: { text } }, { token });
  const optinsOf = async (person: Person) =>
    (await sandbox().do('GET', `/users/${person.person.id}/optins`)).notification_messages;
  const messageCount = async (person: Person) =>
    (await sandbox().do('GET', `/conversations/${person.conversationId}`)).message_count as number;
  /** The first `count` opt-in webhooks the Page heard about a person, once heard. */
  const waitForOptins = (person: Person, count: number) =>
    world.receiver.until(() => {
      const heard = world.receiver.items().filter((i) => i.optin && i.sender?.id === person.scopedId);
      return heard.length >= count ? heard.slice(0, count) : undefined;
    });

  it('hears the opt-in, and sends to the token outside the window, once a day', async () => {
    const person = await personWritingTo(sandbox(), world.biz.page.id);
    await sandbox().advanceClock(2 * DAY);
    const opted = await optIn(person, {
      title: 'Weekly deals',
      payload: 'DEALS',
      timezone: 'Europe/Paris',
    });
    expect(opted).toEqual({
      conversation_id: person.conversationId,
      sender_id: person.scopedId,
      recipient_id: world.biz.page.id,
      timestamp: expect.any(Number),
      notification_messages_token: expect.stringMatching(/^\d+$/),
      token_expiry_timestamp: monthsLater(opted.timestamp, 6),
    });
    const token = opted.notification_messages_token as string;
    const [heard] = await waitForOptins(person, 1);
    expect(heard).toEqual({
      sender: { id: person.scopedId },
      recipient: { id: world.biz.page.id },
      timestamp: opted.timestamp,
      optin: {
        type: 'notification_messages',
        payload: 'DEALS',
        notification_messages_token: token,
        notification_messages_frequency: 'DAILY',
        notification_messages_timezone: 'Europe/Paris',
        token_expiry_timestamp: opted.token_expiry_timestamp,
        user_token_status: 'NOT_REFRESHED',
        title: 'Weekly deals',
      },
    });

    // The opt-in opens no window: the PSID is still refused, the token is not.
    expect((await sendTo({ id: person.scopedId })).body.error.error_subcode).toBe(2018278);
    const sent = await sendTo({ notification_messages_token: token });
    expect(sent.body).toEqual({ recipient_id: person.scopedId, message_id: expect.stringMatching(/^m_/) });
    const echo = await world.receiver.until(() =>
      world.receiver.items().find((i) => i.message?.mid === sent.body.message_id),
    );
    expect(echo.message).toMatchObject({ is_echo: true, text: 'This week: 20% off' });

    const count = await messageCount(person);
    const { last_sent_at } = (await optinsOf(person))[0];
    expect(last_sent_at).toEqual(expect.any(Number));
    const tooSoon = await sendTo({ notification_messages_token: token }, 'again');
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error).toEqual({
      message: '(#4) There has to be a minimum delay between 2 notifications for the given notification',
      type: 'OAuthException',
      code: 4,
      error_subcode: 2018354,
      fbtrace_id: expect.any(String),
    });
    expect(await messageCount(person)).toBe(count);
    expect((await optinsOf(person))[0].last_sent_at).toBe(last_sent_at);

    await sandbox().advanceClock(DAY);
    expect((await sendTo({ notification_messages_token: token }, 'next day')).status).toBe(200);
  });

  it('stops and resumes as the person says, each change heard once', async () => {
    const person = await personWritingTo(sandbox(), world.biz.page.id);
    const token = (await optIn(person, { title: 'Restocks' })).notification_messages_token as string;
    const path = `/users/${person.person.id}/optins/${token}`;
    const stopped = await sandbox().do('POST', `${path}/stop`);
    expect(stopped).toMatchObject({
      notification_messages_token: token,
      status: 'stopped',
      title: 'Restocks',
    });
    await sandbox().do('POST', `${path}/stop`);

    const count = await messageCount(person);
    const refused = await sendTo({ notification_messages_token: token });
    expect(refused.body.error).toEqual({
      message: '(#10) This user has currently stopped notification messages for this topic',
      type: 'OAuthException',
      code: 10,
      error_subcode: 1893015,
      fbtrace_id: expect.any(String),
    });
    expect(await messageCount(person)).toBe(count);

    expect((await sandbox().do('POST', `${path}/resume`)).status).toBe('active');
    expect((await sendTo({ notification_messages_token: token })).status).toBe(200);

    const heard = await waitForOptins(person, 3);
    expect(heard.map((e) => e.optin.notification_messages_status)).toEqual([
      undefined,
      'STOP_NOTIFICATIONS',
      'RESUME_NOTIFICATIONS',
    ]);
    expect(heard[1].optin).toMatchObject({ notification_messages_token: token, title: 'Restocks' });
    // Someone else's token is not theirs to stop.
    const other = await sandbox().user();
    const notTheirs = await sandbox().raw('POST', `/users/${other.id}/optins/${token}/stop`);
    expect(notTheirs.status).toBe(404);
  });

  it('keeps a weekly token a week apart, expires it after 9 months, and refreshes it on a new opt-in', async () => {
    const person = await personWritingTo(sandbox(), world.biz.page.id);
    const first = await optIn(person, { title: 'Newsletter', frequency: 'WEEKLY' });
    const token = first.notification_messages_token as string;
    expect(first.token_expiry_timestamp).toBe(monthsLater(first.timestamp, 9));
    expect((await sendTo({ notification_messages_token: token })).status).toBe(200);
    await sandbox().advanceClock(6 * DAY);
    expect((await sendTo({ notification_messages_token: token })).body.error.error_subcode).toBe(2018354);
    await sandbox().advanceClock(DAY);
    expect((await sendTo({ notification_messages_token: token })).status).toBe(200);

    await sandbox().advanceClock(280 * DAY);
    const expired = await sendTo({ notification_messages_token: token });
    expect(expired.body.error).toEqual({
      message: '(#100) notification_messages_token has expired',
      type: 'OAuthException',
      code: 100,
      fbtrace_id: expect.any(String),
    });
    expect((await optinsOf(person))[0].status).toBe('expired');

    const again = await optIn(person, { title: 'Newsletter' });
    expect(again.notification_messages_token).toBe(token);
    expect(again.token_expiry_timestamp).toBe(monthsLater(again.timestamp, 9));
    const [, refreshed] = await waitForOptins(person, 2);
    expect(refreshed.optin).toMatchObject({
      user_token_status: 'REFRESHED',
      notification_messages_frequency: 'WEEKLY',
    });
    expect((await sendTo({ notification_messages_token: token })).status).toBe(200);
    const other = await optIn(person, { title: 'Events' });
    expect(other.notification_messages_token).not.toBe(token);
    expect((await optinsOf(person)).map((o: { title: string }) => o.title)).toEqual(['Newsletter', 'Events']);
  });

  it("refuses tokens that are unknown or another business's, and sender actions to a token", async () => {
    const person = await personWritingTo(sandbox(), world.biz.page.id);
    const token = (await optIn(person, { title: 'Mine' })).notification_messages_token as string;
    const invalid = {
      message: '(#100) notification_messages_token is invalid',
      type: 'OAuthException',
      code: 100,
      fbtrace_id: expect.any(String),
    };
    expect((await sendTo({ notification_messages_token: '1234567890' })).body.error).toEqual(invalid);
    expect((await sendTo({ notification_messages_token: 'not a token' })).body.error).toEqual(invalid);
    const other = await createBusiness(sandbox());
    expect((await sendTo({ notification_messages_token: token }, 'x', other.pageToken)).body.error).toEqual(
      invalid,
    );
    const action = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { notification_messages_token: token }, sender_action: 'typing_on' },
      { token: world.biz.pageToken },
    );
    expect(action.body.error.message).toBe('(#100) The parameter recipient[id] is required');
    expect((await optinsOf(person))[0].last_sent_at).toBeNull();

    const bad = await sandbox().raw('POST', `/users/${person.person.id}/optins`, {
      to: world.biz.page.id,
      type: 'notification_messages',
      timezone: 'Mars/Olympus',
    });
    expect(bad.body.error.message).toBe('timezone: must be an IANA time zone');
    const plugin = await sandbox().raw('POST', `/users/${person.person.id}/optins`, {
      to: world.biz.page.id,
      frequency: 'DAILY',
    });
    expect(plugin.body.error.message).toBe('frequency: only an opt-in of type notification_messages has one');
  });
});
