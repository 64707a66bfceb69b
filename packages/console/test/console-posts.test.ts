/**
 * The console's Posts view in Chromium (Debian's, driven by playwright-core) on the demo world: the shop's
 * media, commenting and replying as people with the bot hearing each `comments` webhook (and the Webhooks
 * panel showing it), a private reply's link to its conversation, deleting a comment, comments turned off, a
 * live broadcast, a person's own media mentioning the shop, a Page post answered by the business's staff, and a
 * comment made through the sandbox's API appearing without a reload. The README's screenshot of the view is
 * taken here.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../../server/src/index.ts';
import { createWebhookReceiver, type WebhookReceiver } from '../../server/src/testing.ts';
import { launchChromium, localPage } from './chromium.ts';

const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const SHOP = '17841458123456789';

/** A picture for the demo world's media (their URLs are on the internet, which the tests do not reach). */
const PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="#c8a27a"/><circle cx="48" cy="48" r="22" fill="#6f4e37"/></svg>`;

describe("the console's Posts view", () => {
  let parley: Parley;
  let bot: WebhookReceiver;
  let browser: Browser;
  let page: Page;

  const comments = () => page.getByTestId('comments');
  const comment = (text: string): Locator =>
    comments().getByTestId('comment').filter({ hasText: text }).first();
  const composer = () => page.getByTestId('post-detail').locator('form');
  const write = async (as: string, text: string) => {
    await page.getByTestId('comment-as').selectOption({ label: as });
    await page.getByTestId('comment-text').fill(text);
    await page.getByTestId('comment-text').press('Enter');
  };
  const heardChange = (field: string, test: (value: any) => boolean) =>
    bot.waitFor(
      (e) => e.kind === 'changes' && (e.event as any).field === field && test((e.event as any).value),
      {
        timeout: 10_000,
      },
    );

  beforeAll(async () => {
    parley = await createParley();
    bot = await createWebhookReceiver();
    await parley.webhooks.subscribe({
      url: bot.url,
      fields: ['messages', 'comments', 'live_comments', 'mentions', 'feed'],
    });
    browser = await launchChromium();
    page = await localPage(browser);
    await page.route(
      (url) => url.hostname === 'picsum.photos',
      (route) => route.fulfill({ contentType: 'image/svg+xml', body: PICTURE }),
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await bot?.close();
  });

  it("lists the shop's media newest first, with their kinds and comments", async () => {
    await page.goto(`${parley.url}/console/`);
    await page.getByTestId('account').selectOption(SHOP);
    await page.getByRole('button', { name: 'Posts', exact: true }).click();
    const posts = page.getByTestId('post');
    await expect.poll(() => posts.count()).toBe(2);
    expect(await posts.nth(0).innerText()).toMatch(/How we roast[\s\S]*reel · 1 comment\b/);
    expect(await posts.nth(1).innerText()).toMatch(/Autumn blend[\s\S]*post · 3 comments/);
    await posts.nth(1).click();
    await comment('price?').waitFor();
    expect(await comment('14€ for 250 g').innerText()).toContain('The business (@parley.coffee)');
    expect(await comment('price?').innerText()).toContain('Mina Kim');
  });

  it('comments as a person: the comment appears, and the bot hears it, as the Webhooks panel shows', async () => {
    await write('Sora Tanaka', 'Is it decaf?');
    await comment('Is it decaf?').waitFor();
    const heard = await heardChange('comments', (v) => v.text === 'Is it decaf?');
    expect((heard.event as any).value.from.username).toBe('sora.tanaka');
    await page
      .getByTestId('delivery-summary')
      .filter({ hasText: '@sora.tanaka commented “Is it decaf?”' })
      .waitFor();
    const delivery = page.getByTestId('delivery').filter({ hasText: 'Is it decaf?' }).first();
    expect(await delivery.locator('strong').first().innerText()).toBe('comments');
  });

  it('replies to a comment as another person', async () => {
    await comment('Is it decaf?').getByText('reply', { exact: true }).click();
    expect(await page.getByTestId('replying').innerText()).toContain('@sora.tanaka');
    await write('Mina Kim', 'Asking too!');
    const replies = comments().locator('li').filter({ hasText: 'Is it decaf?' }).locator('.replies');
    await replies.getByText('Asking too!').waitFor();
    const parent = (await heardChange('comments', (v) => v.text === 'Is it decaf?')).event as any;
    await heardChange('comments', (v) => v.text === 'Asking too!' && v.parent_id === parent.value.id);
    await page
      .getByTestId('delivery-summary')
      .filter({ hasText: '@mina.kim replied “Asking too!”' })
      .waitFor();
  });

  it("shows a comment's private reply, which opens its conversation", async () => {
    const asked = (await heardChange('comments', (v) => v.text === 'Is it decaf?')).event as any;
    const sent = await fetch(`${parley.url}/v23.0/me/messages?access_token=${parley.tokens.instagram}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recipient: { comment_id: asked.value.id },
        message: { text: 'It is not, but we have a decaf too!' },
      }),
    });
    expect(sent.status).toBe(200);
    const link = comment('Is it decaf?').getByTestId('private-reply');
    await link.waitFor();
    await page.screenshot({ path: `${IMAGES}console-posts.png` });
    await link.getByText('open the conversation').click();
    await page.getByTestId('messages').getByText('It is not, but we have a decaf too!').waitFor();
    expect(await page.locator('.thread header').innerText()).toContain('Sora Tanaka');
    await page.getByRole('button', { name: 'Posts', exact: true }).click();
    await comment('Is it decaf?').waitFor();
  });

  it("deletes a person's comment as its author", async () => {
    await comment('Asking too!').getByText('delete', { exact: true }).click();
    await expect.poll(() => comments().getByText('Asking too!').count()).toBe(0);
  });

  it('refuses comments once the business turns them off', async () => {
    const commentsSwitch = page.getByTestId('comments-switch');
    await commentsSwitch.click();
    await expect.poll(() => commentsSwitch.innerText()).toBe('Turn comments on');
    await expect
      .poll(async () => (await parley.sandbox.getPost(parley.posts.roast)).comments_enabled)
      .toBe(false);
    await write('Jun Park', 'Hello?');
    await expect
      .poll(() => page.getByTestId('comment-refused').innerText())
      .toContain('Comments are turned off for this media');
    expect(await comments().getByText('Hello?').count()).toBe(0);
    await commentsSwitch.click();
    await expect.poll(() => commentsSwitch.innerText()).toBe('Turn comments off');
    await expect
      .poll(async () => (await parley.sandbox.getPost(parley.posts.roast)).comments_enabled)
      .toBe(true);
    await composer().getByRole('button', { name: 'Comment' }).click();
    await comment('Hello?').waitFor();
    expect(await page.getByTestId('comment-refused').count()).toBe(0);
  });

  it('shows a comment made through the sandbox API without a reload', async () => {
    await parley.sandbox.comment(parley.people.jun.id, {
      media_id: parley.posts.roast,
      text: 'Made by a test',
    });
    await comment('Made by a test').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('post').nth(1).innerText()).toContain('6 comments');
  });

  it('publishes a live broadcast that takes comments until it ends', async () => {
    const publish = page.getByTestId('publish');
    await publish.locator('select').selectOption('LIVE');
    await publish.getByPlaceholder('Caption').fill('Roasting live now');
    await publish.getByRole('button', { name: 'Publish as the business' }).click();
    const live = page.getByTestId('post').filter({ hasText: 'Roasting live now' });
    await expect.poll(() => live.innerText()).toContain('LIVE');
    await expect.poll(() => page.getByTestId('post-detail').innerText()).toContain('Roasting live now');
    await write('Jun Park', 'Hi from the live');
    await heardChange('live_comments', (v) => v.text === 'Hi from the live');
    await page.getByRole('button', { name: 'End live' }).click();
    await expect.poll(() => live.innerText()).toContain('live ended');
    await write('Jun Park', 'Too late?');
    await expect.poll(() => page.getByTestId('comment-refused').innerText()).toMatch(/ended/);
  });

  it("mentions the shop from a person's own media", async () => {
    const mention = page.getByTestId('mention');
    await mention.locator('select').selectOption({ label: 'Mina Kim' });
    await mention.locator('input').fill('Best beans in town @parley.coffee');
    await mention.getByRole('button', { name: /Post, mentioning/ }).click();
    const theirs = page.getByTestId('post').filter({ hasText: 'Best beans in town' });
    await expect.poll(() => theirs.innerText()).toContain('by @mina.kim');
    const heard = await heardChange(
      'mentions',
      (v) => v.media_id !== undefined && v.comment_id === undefined,
    );
    expect((await parley.sandbox.getPost((heard.event as any).value.media_id)).user_id).toBe(
      parley.people.mina.id,
    );
  });

  it("publishes a Page post, whose comments and the business's replies reach the bot on the Page's feed", async () => {
    await page.getByTestId('account').selectOption(parley.accounts.page.id);
    const publish = page.getByTestId('publish');
    expect(await publish.locator('select').count()).toBe(0);
    await publish.getByPlaceholder('Caption').fill('Open on Sunday');
    await publish.getByRole('button', { name: 'Publish as the business' }).click();
    await expect.poll(() => page.getByTestId('post-detail').innerText()).toContain('Open on Sunday');
    await write('Alex Rivera', 'Great news');
    await comment('Great news').waitFor();
    await heardChange('feed', (v) => v.verb === 'add' && v.message === 'Great news');
    await page
      .getByTestId('delivery-summary')
      .filter({ hasText: 'comment add by Alex Rivera “Great news”' })
      .waitFor();
    // The business's staff answer from Meta's app.
    await comment('Great news').getByText('reply', { exact: true }).click();
    await write('The business', 'See you there!');
    await comments()
      .locator('li')
      .filter({ hasText: 'Great news' })
      .locator('.replies')
      .getByText('See you there!')
      .waitFor();
    await heardChange('feed', (v) => v.verb === 'add' && v.message === 'See you there!');
  });
});
