/**
 * Conversation routing in the console, in Chromium (Debian's, driven by playwright-core) on the demo world: who
 * controls the open conversation, the Page inbox asking the bot for it, the bot passing it (through the Graph
 * API), the inbox moving it to done, and the bot hearing each handover.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../../server/src/index.ts';
import { createWebhookReceiver, type WebhookReceiver } from '../../server/src/testing.ts';
import { launchChromium, localPage } from './chromium.ts';

const ALEX_PSID = '7100000000000005';
const PAGE_INBOX = '263902037430900';

describe('conversation routing in the console', () => {
  let parley: Parley;
  let bot: WebhookReceiver;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    parley = await createParley();
    bot = await createWebhookReceiver();
    await parley.webhooks.subscribe({ url: bot.url });
    browser = await launchChromium();
    page = await localPage(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await bot?.close();
  });

  it('shows who controls a conversation, and asks for it, and passes it back as the Page inbox would', async () => {
    await parley.routing.set('page', { primary: parley.app.id });
    await page.goto(`${parley.url}/console/`);
    await page.getByTestId('account').selectOption(parley.accounts.page.id);
    await page.getByTestId('conversation').filter({ hasText: 'Alex Rivera' }).click();
    const control = page.getByTestId('thread-control');
    const owner = () => control.getByTestId('thread-owner').innerText();
    await expect.poll(owner).toBe('Controlled by Parley Demo App');
    await control.getByTestId('inbox-request').click();
    await bot.waitFor((e) => e.event.request_thread_control?.requested_owner_app_id === PAGE_INBOX);
    // The bot answers the request: it passes the conversation to the inbox.
    const passed = await fetch(
      `${parley.url}/v23.0/me/pass_thread_control?access_token=${parley.tokens.page}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recipient: { id: ALEX_PSID }, target_app_id: PAGE_INBOX }),
      },
    );
    expect(await passed.json()).toEqual({ success: true });
    await expect.poll(owner).toMatch(/^Controlled by Page Inbox until /);
    await control.getByTestId('inbox-pass').click();
    await expect.poll(owner).toBe('Controlled by Parley Demo App');
    await bot.waitFor((e) => e.event.pass_thread_control?.new_owner_app_id === parley.app.id);
    await parley.routing.set('page', null);
    await expect.poll(() => control.count()).toBe(0);
  });
});
