import { createParley, type Delivery } from '@parley/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_INBOX_APP_ID, startBot } from '../src/bot.ts';

// Parley in memory with the demo world, the bot pointed at it and subscribed (the default fields include
// `standby` and `messaging_handovers`), and the bot made the Page's primary receiver, as the app dashboard does.
const parley = await createParley();
const bot = await startBot({
  graphUrl: parley.url,
  appId: parley.app.id,
  appSecret: parley.app.secret,
  verifyToken: 'parley-verify-token',
  pageToken: parley.tokens.page,
});
await parley.webhooks.subscribe({ url: bot.url });
beforeEach(async () => {
  await parley.reset();
  await parley.routing.set('page', { primary: parley.app.id });
});
afterAll(() => Promise.all([parley.close(), bot.close()]));

const alex = parley.people.alex;
/** The bot's message whose text starts so, as its echo shows it. */
const botSays = (start: string) =>
  parley.webhooks.waitFor(
    (d) => d.event.message?.is_echo === true && !!d.event.message.text?.startsWith(start),
  );
/** The deliveries of a message the person sent: by field, `messages` or `standby`. */
const heardAs = async (mid: string) => {
  await parley.webhooks.waitFor((d) => d.event.message?.mid === mid);
  return (await parley.webhooks.deliveries())
    .filter((d) => d.event.message?.mid === mid)
    .map((d: Delivery) => d.field);
};
const handOver = async () => {
  const asked = await alex.says('I want to talk to a human');
  expect((await alex.waitForReply()).text).toBe(
    'Connecting you with our team. Someone will answer here soon.',
  );
  await parley.webhooks.waitFor((d) => d.event.pass_thread_control?.new_owner_app_id === PAGE_INBOX_APP_ID);
  return asked.conversation_id;
};

describe('the human handoff bot', () => {
  it('answers what it can', async () => {
    await alex.says('What are your hours?');
    expect((await alex.waitForReply()).text).toBe('We are open 8am to 6pm, every day.');
  });

  it('passes the conversation to the Page inbox on "talk to a human", then hears it on standby only', async () => {
    const conversation = await handOver();
    expect((await parley.inbox.control(conversation)).owner).toEqual({
      id: PAGE_INBOX_APP_ID,
      name: 'Page Inbox',
    });
    const later = await alex.says('Hello? Is anyone there?');
    expect(await heardAs(later.message_id)).toEqual(['standby']);
    // The people of the Page answer now: the bot stays quiet.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const echoes = (await parley.webhooks.deliveries()).filter(
      (d) => d.event.message?.is_echo && d.event.timestamp >= later.timestamp,
    );
    expect(echoes).toEqual([]);
  });

  it('welcomes the person back when the inbox passes the conversation back', async () => {
    const conversation = await handOver();
    await parley.inbox.pass(conversation, { metadata: 'Refund sent' });
    await botSays('Thanks for waiting!');
    const next = await alex.says('What about my order?');
    expect(await heardAs(next.message_id)).toEqual(['messages']);
    expect((await alex.waitForReply()).text).toBe('Your order ships within 2 days.');
  });

  it('takes the conversation back when the person asks for the bot', async () => {
    const conversation = await handOver();
    await alex.says('Actually, back to the bot please');
    expect((await alex.waitForReply()).text).toBe('The bot is back. Ask me about hours or orders.');
    expect((await parley.inbox.control(conversation)).owner?.id).toBe(parley.app.id);
  });
});
