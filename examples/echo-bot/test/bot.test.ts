import { createParley } from '@parley/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot } from '../src/bot.ts';

// The whole setup: Parley in memory with the demo world, the bot pointed at it, the bot subscribed.
const parley = await createParley();
const bot = await startBot({
  graphUrl: parley.url,
  appSecret: parley.app.secret,
  verifyToken: 'parley-verify-token',
  pageToken: parley.tokens.page,
  instagramToken: parley.tokens.instagram,
});
await parley.webhooks.subscribe({ url: bot.url });
beforeEach(() => parley.reset());
afterAll(() => Promise.all([parley.close(), bot.close()]));

describe('the echo bot', () => {
  it('answers an Instagram DM', async () => {
    await parley.people.mina.says('Do you ship to Busan?');
    expect((await parley.people.mina.waitForReply()).text).toBe('You said: Do you ship to Busan?');
  });

  it('answers a Messenger DM', async () => {
    await parley.people.alex.says('Open on Sunday?');
    expect((await parley.people.alex.waitForReply()).text).toBe('You said: Open on Sunday?');
  });

  it('offers quick replies, and answers the one tapped', async () => {
    await parley.people.mina.says('menu');
    const menu = await parley.people.mina.waitForReply();
    expect(menu.text).toBe('Coffee or tea?');
    // Echoes carry the text; the quick replies are what the bot sent, so tap the one it offered.
    await parley.people.mina.taps({ content_type: 'text', title: 'Tea', payload: 'TEA' });
    expect((await parley.people.mina.waitForReply()).text).toBe('You picked TEA');
  });

  it('answers a tapped button', async () => {
    await parley.people.sam.taps({ type: 'postback', title: 'Get started', payload: 'GET_STARTED' });
    expect((await parley.people.sam.waitForReply()).text).toBe('You tapped GET_STARTED');
  });
});
