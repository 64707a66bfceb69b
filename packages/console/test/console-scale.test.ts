/**
 * The web console on long lists, in Chromium: the inbox and a thread read the next page as the reader
 * scrolls, and draw only the rows in view, however many pages are loaded. A thread opens at its newest
 * message, keeps the message in view where it was when older ones arrive above it, and follows new ones
 * only while the reader is at the bottom.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../../server/src/index.ts';
import { launchChromium, localPage } from './chromium.ts';

const PEOPLE = 300;
const MESSAGES = 250;

/** An Instagram account with 300 conversations, the newest of them 250 messages long. */
const BIG_WORLD = {
  accounts: [{ key: 'big', type: 'instagram' as const, username: 'big.shop', name: 'Big Shop' }],
  users: Array.from({ length: PEOPLE }, (_, i) => ({
    key: `p${i}`,
    username: `person.${i}`,
    name: `Person ${i}`,
  })),
  conversations: [
    {
      account: 'big',
      user: 'p0',
      messages: [
        { from: 'user' as const, text: 'Message {n}', ago: `${MESSAGES + 1}m`, every: '1m', count: MESSAGES },
      ],
    },
    ...Array.from({ length: PEOPLE - 1 }, (_, i) => ({
      account: 'big',
      user: `p${i + 1}`,
      messages: [{ from: 'user' as const, text: `Hello from ${i + 1}`, ago: `${i + 2}h` }],
    })),
  ],
};

const scrollTo = (list: Locator, where: 'top' | 'bottom') =>
  list.evaluate((el, top) => el.scrollTo(0, top ? 0 : el.scrollHeight), where === 'top');

const atBottom = (list: Locator) =>
  list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);

describe('the web console on long lists', () => {
  let parley: Parley;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    parley = await createParley();
    const seeded = await parley.sandbox.seed(BIG_WORLD);
    browser = await launchChromium();
    page = await localPage(browser);
    await page.goto(`${parley.url}/console/`);
    await page.getByTestId('account').selectOption(seeded.accounts.big!.id);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  it('reads the inbox page by page as it scrolls, with a bounded number of rows drawn', async () => {
    const list = page.getByTestId('inbox-list');
    const rows = page.getByTestId('conversation');
    await rows.first().waitFor();
    // Six pages of 50: scrolled to the bottom until the oldest conversation shows.
    await expect
      .poll(
        async () => {
          await scrollTo(list, 'bottom');
          return list.getByText(`Person ${PEOPLE - 1}`, { exact: true }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await rows.count()).toBeLessThan(40);
    expect(await list.evaluate((el) => el.scrollHeight)).toBeGreaterThan(PEOPLE * 50);
    await scrollTo(list, 'top');
    await list.getByText('Person 0', { exact: true }).click();
  });

  it('opens a long thread at its newest message and reads older pages above, anchored', async () => {
    const thread = page.getByTestId('messages');
    const messages = thread.getByTestId('message');
    await thread.getByText(`Message ${MESSAGES}`, { exact: true }).waitFor();
    await expect.poll(() => atBottom(thread)).toBe(true);
    // The boundary of the 20 newest, above the 20th newest message.
    await thread.evaluate((el) => el.scrollBy(0, -1000));
    const boundary = thread.locator('.boundary');
    await boundary.waitFor();
    expect(await boundary.evaluate((el) => el.nextElementSibling?.textContent)).toContain(
      `Message ${MESSAGES - 19}`,
    );
    // At the top of the first page (the 100 newest), the next 100 come above it: the oldest message of the
    // first page stays in view rather than the view jumping to the newly read ones.
    await scrollTo(thread, 'top');
    const firstOfPage = thread.getByText(`Message ${MESSAGES - 99}`, { exact: true });
    await expect.poll(() => thread.evaluate((el) => el.scrollTop), { timeout: 10_000 }).toBeGreaterThan(1000);
    expect(await firstOfPage.isVisible()).toBe(true);
    await expect
      .poll(
        async () => {
          await scrollTo(thread, 'top');
          return thread.getByText('Message 1', { exact: true }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await messages.count()).toBeLessThan(40);
  });

  it('follows a new message at the bottom, and leaves a reader who scrolled up where they were', async () => {
    const thread = page.getByTestId('messages');
    const composer = page.getByTestId('composer');
    await scrollTo(thread, 'bottom');
    await composer.fill('Live at the bottom');
    await composer.press('Enter');
    await thread.getByText('Live at the bottom', { exact: true }).waitFor();
    await expect.poll(() => atBottom(thread)).toBe(true);
    await thread.evaluate((el) => el.scrollBy(0, -800));
    const [scrolled, height] = await thread.evaluate((el) => [el.scrollTop, el.scrollHeight]);
    await composer.fill('While reading above');
    await composer.press('Enter');
    await expect.poll(() => thread.evaluate((el) => el.scrollHeight)).toBeGreaterThan(height!);
    expect(await atBottom(thread)).toBe(false);
    expect(Math.abs((await thread.evaluate((el) => el.scrollTop)) - scrolled!)).toBeLessThan(2);
    // And the oldest message loaded is still there.
    await scrollTo(thread, 'top');
    await thread.getByText('Message 1', { exact: true }).waitFor();
  });
});
