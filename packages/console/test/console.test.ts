/**
 * The web console in Chromium (Debian's, driven by playwright-core): a person writes in the console, a bot
 * answers through the Send API, and the answer and the signed delivery appear without a reload; a template
 * button tapped in the console reaches the bot as a postback; a receipt, a media template and an opt-in
 * request are drawn, and the person opts in; the clock closes the window; and the sandbox refuses what a
 * cross-site page sends. The screenshots the README shows are taken here.
 */
import { fileURLToPath } from 'node:url';
import { sign } from '@parley/protocol/signature';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../../server/src/index.ts';
import { OPT_IN, RECEIPT } from '../../server/test/support/templates.ts';
import { launchChromium, localPage } from './chromium.ts';
import { startBot } from './template-bot.ts';

const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const SHOP = '17841458123456789';
const PAGE = '104522334455667';
const MINA_IGSID = '6200000000000001';
const ALEX = '51000000005';
const ALEX_PSID = '7100000000000005';
/** A 1×1 PNG. */
const DOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('the web console', () => {
  let parley: Parley;
  let bot: Awaited<ReturnType<typeof startBot>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    parley = await createParley();
    bot = await startBot(() => parley);
    await parley.webhooks.subscribe({ url: bot.url });
    browser = await launchChromium();
    page = await localPage(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await bot?.close();
  });

  it("opens on the demo world's inbox from the root", async () => {
    await page.goto(parley.url);
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.getByTestId('account').selectOption(SHOP);
    await expect.poll(() => page.getByTestId('conversation').count()).toBeGreaterThanOrEqual(3);
    // Lee's request has been idle for 45 days: listed, greyed, with the reason.
    await expect.poll(() => page.locator('li.hidden').count()).toBe(1);
    await page.screenshot({ path: `${IMAGES}console-inbox.png` });
  });

  it("lets a person write, and shows the bot's answer and the signed delivery as they happen", async () => {
    await page.getByTestId('conversation').filter({ hasText: 'Mina Kim' }).click();
    await page.getByTestId('composer').fill('Hello from the console');
    await page.getByTestId('composer').press('Enter');
    const thread = page.getByTestId('messages');
    await thread.getByText('Thanks for: Hello from the console').waitFor({ timeout: 10_000 });
    const asked = bot.heard.find((h) => h.event.message?.text === 'Hello from the console');
    expect(asked?.signed).toBe(true);
    await page.getByTestId('delivery').filter({ hasText: 'messages' }).first().waitFor();
    expect(await page.getByTestId('deliveries').innerText()).toContain('delivered');
    // The message opens to what GET /{message-id} answers, and the webhook it caused.
    await thread.getByText('Hello from the console', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('message-json').innerText())
      .toContain('"message": "Hello from the console"');
    await expect.poll(() => page.getByTestId('caused').first().innerText()).toContain('messages · delivered');
    // The POST as sent: its exact body and the signature of those bytes.
    const delivery = page.getByTestId('delivery').filter({ hasText: 'Hello from the console' }).first();
    await delivery.locator('summary').click();
    await delivery.getByRole('button', { name: 'Request' }).first().click();
    const sent = await delivery.getByTestId('sent-request').innerText();
    const body = sent.slice(sent.indexOf('\n\n') + 2);
    expect(sent).toContain(`x-hub-signature-256: ${sign(body, parley.app.secret)}`);
    expect(sent).toContain('user-agent: facebookexternalua');
    expect(body).toContain('Hello from the console');
    await page.screenshot({ path: `${IMAGES}console-thread.png` });
  });

  it('sends a file the person picks as an attachment the bot can fetch', async () => {
    await page
      .getByTestId('attach')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: DOT_PNG });
    await expect
      .poll(() => bot.heard.some((h) => h.event.message?.attachments?.[0]?.type === 'image'), {
        timeout: 10_000,
      })
      .toBe(true);
    const sent = bot.heard.find((h) => h.event.message?.attachments?.[0]?.type === 'image')!;
    const url: string = sent.event.message.attachments[0].payload.url;
    expect(url.startsWith(`${parley.url}/cdn/`)).toBe(true);
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(DOT_PNG);
    await page.getByTestId('messages').locator('img.media').last().waitFor();
  });

  it("reacts to and reads the business's last message as the person", async () => {
    await page.getByTitle("React ❤️ to the business's last message").click();
    await expect
      .poll(() => bot.heard.some((h) => h.event.reaction?.action === 'react'), { timeout: 10_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Seen' }).click();
    await expect
      .poll(() => bot.heard.some((h) => h.event.read !== undefined), { timeout: 10_000 })
      .toBe(true);
  });

  it("unfollows and follows the shop as the person, as the API's profile then says", async () => {
    const follows = async () => {
      const url = `${parley.url}/v23.0/${MINA_IGSID}?fields=is_user_follow_business`;
      const profile = await fetch(`${url}&access_token=${parley.tokens.instagram}`);
      return ((await profile.json()) as { is_user_follow_business: boolean }).is_user_follow_business;
    };
    expect(await follows()).toBe(true);
    const header = page.locator('.thread header');
    expect(await header.innerText()).toContain('Mina Kim');
    await header.getByRole('button', { name: 'Unfollow' }).click();
    await expect.poll(follows).toBe(false);
    await header.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect.poll(follows).toBe(true);
  });

  it('sends a tapped template button to the bot as a postback', async () => {
    await page.getByTestId('messages').getByRole('button', { name: 'Menu' }).last().click();
    await expect
      .poll(() => bot.heard.some((h) => h.signed && h.event.postback?.payload === 'MENU'), {
        timeout: 10_000,
      })
      .toBe(true);
  });

  it('shows the templates the business sends on Messenger, and opts in at its request', async () => {
    const graph = (path: string, body: FormData | string) =>
      fetch(`${parley.url}/v23.0/${PAGE}/${path}?access_token=${parley.tokens.page}`, {
        method: 'POST',
        body,
        ...(typeof body === 'string' && { headers: { 'content-type': 'application/json' } }),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const upload = new FormData();
    upload.append(
      'message',
      JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }),
    );
    upload.append('filedata', new Blob([DOT_PNG], { type: 'image/png' }), 'dot.png');
    const { attachment_id: attachmentId } = await graph('message_attachments', upload);
    const media = {
      template_type: 'media',
      elements: [
        {
          media_type: 'image',
          attachment_id: attachmentId,
          buttons: [{ type: 'postback', title: 'Love it', payload: 'LOVE' }],
        },
      ],
    };
    for (const payload of [RECEIPT, media, OPT_IN]) {
      const message = { attachment: { type: 'template', payload } };
      const sent = await graph('messages', JSON.stringify({ recipient: { id: ALEX_PSID }, message }));
      expect(sent.message_id).toBeDefined();
    }
    await page.getByTestId('account').selectOption(PAGE);
    await page.getByTestId('conversation').filter({ hasText: 'Alex Rivera' }).click();
    const thread = page.getByTestId('messages');
    const receipt = thread.getByTestId('receipt');
    await receipt.waitFor({ timeout: 10_000 });
    const shown = await receipt.innerText();
    expect(shown).toContain('Order 12345678902 · Stephane Crozatier');
    expect(shown).toContain('Classic White T-Shirt × 2');
    expect(shown).toMatch(/Total\s+\$56\.14/);
    expect(shown).toContain('Paid with Visa 2345');
    const mediaMessage = thread.getByTestId('message').filter({ has: page.getByTestId('media-template') });
    await mediaMessage.locator(`img.media[src*="/cdn/${attachmentId}?"]`).waitFor();
    await mediaMessage.getByRole('button', { name: 'Love it' }).waitFor();
    // Alex accepts the marketing messages opt-in request: a token for its topic.
    await thread.getByTestId('opt-in-request').getByRole('button', { name: 'Get messages' }).click();
    await expect
      .poll(async () => (await parley.sandbox.optins(ALEX)).notification_messages.map((o) => o.title))
      .toContain(OPT_IN.title);
    // Back to Mina's Instagram conversation, where the next tests write.
    await page.getByTestId('account').selectOption(SHOP);
    await page.getByTestId('conversation').filter({ hasText: 'Mina Kim' }).click();
    await thread.getByText('Hello from the console', { exact: true }).waitFor();
  });

  it("shows the app's subscription and installs, and drops deliveries when told to", async () => {
    const subscription = page
      .getByTestId('subscriptions')
      .locator('details')
      .filter({ hasText: 'instagram' });
    await subscription.locator('summary').click();
    expect(await subscription.innerText()).toContain(`${bot.url}`);
    expect(await subscription.innerText()).toContain(`installed on ${SHOP}: active`);
    await subscription.getByLabel('drop %').fill('100');
    await subscription.getByRole('button', { name: 'Apply faults' }).click();
    await expect
      .poll(async () => (await parley.sandbox.faults({ app_id: parley.app.id })).data.length)
      .toBe(1);
    await page.getByTestId('composer').fill('Into the void');
    await page.getByTestId('composer').press('Enter');
    await page.getByTestId('delivery').filter({ hasText: 'dropped' }).first().waitFor({ timeout: 10_000 });
    expect(bot.heard.some((h) => h.event.message?.text === 'Into the void')).toBe(false);
    await subscription.getByRole('button', { name: 'Clear' }).click();
    await expect
      .poll(async () => (await parley.sandbox.faults({ app_id: parley.app.id })).data.length)
      .toBe(0);
  });

  it("lists the bot's Graph calls with their parameters and answers, its token hidden", async () => {
    await page.getByRole('button', { name: 'API log' }).click();
    const send = page.getByTestId('api-call').filter({ hasText: 'POST /v23.0/me/messages' }).first();
    await send.waitFor();
    await send.locator('summary').click();
    const shown = await send.innerText();
    expect(shown).toContain('"template_type": "button"');
    expect(shown).toContain('"message_id"');
    expect(shown).toContain('"access_token": "(hidden)"');
    expect(shown).not.toContain(parley.tokens.instagram);
    await page.screenshot({ path: `${IMAGES}console-api-log.png` });
    await page.getByRole('button', { name: 'Webhooks' }).click();
  });

  it('closes the window when the clock moves 25 hours on', async () => {
    expect(await page.getByTestId('window').innerText()).toContain('24-hour window open');
    await page.getByRole('button', { name: '+25 h' }).click();
    await expect.poll(() => page.getByTestId('window').innerText()).toContain('24-hour window closed');
    expect(await page.getByTestId('clock-changes').innerText()).toContain(
      'Mina Kim: the 24-hour window closed',
    );
  });

  it('lets a new person start a conversation, then edit and unsend their message', async () => {
    const form = page.getByTestId('new-conversation');
    await form.getByPlaceholder('username').fill('nora.console');
    await form.getByPlaceholder('First message').fill('Hi, I am new');
    await form.getByRole('button', { name: 'Write' }).click();
    const thread = page.getByTestId('messages');
    await thread.getByText('Hi, I am new', { exact: true }).waitFor();
    expect(await page.locator('.thread header').innerText()).toContain('nora.console');
    page.once('dialog', (dialog) => void dialog.accept('Hi, I am Nora'));
    await thread
      .getByTestId('message')
      .filter({ hasText: /^Hi, I am new/ })
      .getByText('edit')
      .click();
    await thread.getByText('Hi, I am Nora', { exact: true }).waitFor();
    expect(await thread.innerText()).toContain('(edited)');
    await thread
      .getByTestId('message')
      .filter({ hasText: /^Hi, I am Nora/ })
      .getByText('unsend')
      .click();
    await expect.poll(() => thread.getByText('Hi, I am Nora', { exact: true }).count()).toBe(0);
  });

  it('shows the welcome screens and the persistent menu, and sends their taps to the bot', async () => {
    const setProfile = (token: string, profile: Record<string, unknown>) =>
      fetch(`${parley.url}/v23.0/me/messenger_profile?access_token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(profile),
      });
    await setProfile(parley.tokens.instagram, {
      ice_breakers: [{ call_to_actions: [{ question: 'Do you ship to Busan?', payload: 'SHIPPING' }] }],
    });
    await setProfile(parley.tokens.page, {
      get_started: { payload: 'GET_STARTED' },
      greeting: [{ locale: 'default', text: 'Welcome to Parley Coffee!' }],
      persistent_menu: [
        {
          locale: 'default',
          call_to_actions: [
            { type: 'postback', title: 'Opening hours', payload: 'HOURS' },
            { type: 'web_url', title: 'Our shop', url: 'https://shop.example.com/' },
          ],
        },
      ],
    });
    const heard = (payload: string) =>
      expect
        .poll(() => bot.heard.some((h) => h.signed && h.event.postback?.payload === payload), {
          timeout: 10_000,
        })
        .toBe(true);
    await page.goto(`${parley.url}/console/`);
    const form = page.getByTestId('new-conversation');
    const thread = page.getByTestId('messages');

    // Instagram: someone new taps an ice breaker, which becomes their first message.
    await page.getByTestId('account').selectOption(SHOP);
    await form.getByPlaceholder('username').fill('ivy.console');
    await form.getByRole('button', { name: 'Do you ship to Busan?' }).click();
    await thread.getByText('Do you ship to Busan?', { exact: true }).waitFor();
    await heard('SHIPPING');

    // Messenger: the greeting and Get Started, then the persistent menu beside the composer.
    await page.getByTestId('account').selectOption(PAGE);
    await form.getByText('Welcome to Parley Coffee!').waitFor();
    await form.getByPlaceholder('username').fill('gus.console');
    await form.getByRole('button', { name: 'Get Started' }).click();
    await thread.getByText('Get Started', { exact: true }).waitFor();
    await heard('GET_STARTED');
    const menu = page.getByTestId('persistent-menu');
    await menu.getByTitle('Open the persistent menu').click();
    expect(await menu.getByRole('link', { name: 'Our shop' }).getAttribute('href')).toBe(
      'https://shop.example.com/',
    );
    await menu.getByRole('button', { name: 'Opening hours' }).click();
    await thread.getByText('Opening hours', { exact: true }).waitFor();
    await heard('HOURS');
  });

  it("switches Meta's rate limits and loads a seed from the World panel", async () => {
    await page.getByRole('button', { name: 'World' }).click();
    const limits = page.getByTestId('limits');
    await limits.getByRole('checkbox').uncheck();
    await expect.poll(async () => (await parley.sandbox.limits()).enabled).toBe(false);
    await limits.getByRole('checkbox').check();
    await expect.poll(async () => (await parley.sandbox.limits()).enabled).toBe(true);
    const seed = page.getByTestId('seed');
    await seed
      .locator('textarea')
      .fill('users:\n  - { key: quinn, username: quinn.seeded, name: Quinn Seeded }\n');
    await seed.getByRole('button', { name: 'Load' }).click();
    await seed.getByText('Loaded: 1 people').waitFor();
    await page.getByTestId('world').locator('li', { hasText: 'Quinn Seeded' }).waitFor();
    await page.getByRole('button', { name: 'Webhooks' }).click();
  });

  it("opts the person in to the Page's marketing messages, stops them, and ticks its checkbox plugin", async () => {
    await page.getByTestId('account').selectOption(parley.accounts.page.id);
    await page.getByTestId('conversation').filter({ hasText: 'Alex Rivera' }).click();
    const optins = page.getByTestId('optins');
    await optins.getByTestId('optin-topic').fill('Beans of the week');
    await optins.locator('select').selectOption('WEEKLY');
    await optins.getByRole('button', { name: 'Opt in' }).click();
    const optin = optins.getByTestId('optin').filter({ hasText: 'Beans of the week' });
    await expect.poll(() => optin.innerText()).toContain('weekly · active');
    const heard = () => bot.heard.filter((h) => h.event.optin?.title === 'Beans of the week');
    await expect.poll(() => heard().length, { timeout: 10_000 }).toBe(1);
    const token: string = heard()[0]!.event.optin.notification_messages_token;
    expect(await optin.locator('code').innerText()).toBe(token);

    await optin.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => optin.innerText()).toContain('weekly · stopped');
    await expect
      .poll(() => heard().map((h) => h.event.optin.notification_messages_status), { timeout: 10_000 })
      .toEqual([undefined, 'STOP_NOTIFICATIONS']);
    const refused = await fetch(`${parley.url}/v23.0/me/messages?access_token=${parley.tokens.page}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { notification_messages_token: token }, message: { text: 'Sale!' } }),
    });
    expect(((await refused.json()) as any).error.error_subcode).toBe(1893015);

    await optins.getByRole('button', { name: 'Tick checkbox plugin' }).click();
    await expect.poll(() => optins.getByTestId('user-ref').innerText()).toContain('not messaged yet');
    await expect.poll(() => bot.heard.some((h) => h.event.optin?.user_ref !== undefined)).toBe(true);
    await page.getByTestId('account').selectOption(SHOP);
  });

  it('is refused what a cross-site page sends to the sandbox', async () => {
    const response = await fetch(`${parley.url}/_parley/reset`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"seed":"none"}',
    });
    expect(response.status).toBe(403);
    const upload = (headers: Record<string, string>) =>
      fetch(`${parley.url}/_parley/uploads?account_id=${SHOP}`, { method: 'POST', headers, body: 'x' });
    expect(
      (await upload({ origin: 'https://evil.example', 'x-parley-upload': '1', 'content-type': 'image/png' }))
        .status,
    ).toBe(403);
    // Without its header an upload is any other sandbox body: JSON only.
    expect((await upload({ 'content-type': 'image/png' })).status).toBe(415);
    const inbox = await parley.sandbox.inbox(SHOP);
    expect(inbox.data.length).toBeGreaterThan(0);
  });
});
