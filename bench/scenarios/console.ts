/**
 * The console scenario: the web console in Chromium against the 1M-message world (10,000 conversations).
 * How long the page takes to show the inbox, opened afresh (a new browser page each time); how long opening
 * a conversation takes until its messages show; then the inbox scrolled through 1,050 conversations, a page
 * of 50 read each time it nears its end: how long each page takes to show, how many rows are drawn at most
 * (the list is virtualized: it must not grow with the pages), and whether a conversation still opens as fast.
 * Targets (absolute medians, as the issue names them): open < 1 s, a conversation < 500 ms, before and after
 * the scroll; at most 60 rows drawn.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { quantileOf } from '../load.ts';
import { formatCount, formatMs, table, verdict } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { startParley } from '../servers.ts';
import { prepareWorld, WORLDS } from './read-api.ts';

const OPENS = 7;
const SWITCHES = 15;
/** Scrolled until this row is drawn: 21 pages of 50 read. */
const LAST_ROW = 1000;
const PAGE = 50;
const TARGETS = { openMs: 1000, conversationMs: 500, rows: 60 } as const;

const median = (values: readonly number[]) => quantileOf(values, 0.5);

/** A new page opening the console: the time from its navigation until the inbox shows. */
async function newConsole(browser: Browser, url: string): Promise<{ page: Page; ms: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  const started = performance.now();
  await page.goto(`${url}/console/`);
  await page.getByTestId('conversation').first().waitFor();
  return { page, ms: performance.now() - started };
}

/** Opens each conversation given, until its messages show: the time of each. */
async function openConversations(page: Page, rows: readonly Locator[]): Promise<number[]> {
  const times: number[] = [];
  for (const row of rows) {
    const name = (await row.locator('strong').innerText()).trim();
    const started = performance.now();
    await row.click();
    await page.locator('.thread header strong', { hasText: name }).waitFor();
    await page.getByTestId('message').first().waitFor();
    times.push(performance.now() - started);
  }
  return times;
}

/** Scrolls the inbox to its end until row `LAST_ROW` is drawn: the time of each page, and the most rows drawn. */
async function scrollThrough(page: Page) {
  const list = page.getByTestId('inbox-list');
  const rowAt = (index: number) => page.locator(`[data-testid="conversation"][data-index="${index}"]`);
  const pages: number[] = [];
  let mostRows = 0;
  const started = performance.now();
  for (let next = PAGE; next <= LAST_ROW; next += PAGE) {
    const scrolled = performance.now();
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await rowAt(next).waitFor({ state: 'attached' });
    pages.push(performance.now() - scrolled);
    mostRows = Math.max(mostRows, await page.getByTestId('conversation').count());
  }
  const totalMs = performance.now() - started;
  const elements = await page.locator('*').count();
  const shown = await list.evaluate((el) => el.scrollHeight);
  return { pages, totalMs, mostRows, elements, shown };
}

/** The rows wholly in the inbox's view, each by its index (the virtualizer redraws the others). */
async function rowsInView(page: Page): Promise<Locator[]> {
  const indexes = await page.getByTestId('inbox-list').evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[data-testid="conversation"]')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      })
      .map((row) => row.getAttribute('data-index'));
  });
  return indexes.map((i) => page.locator(`[data-testid="conversation"][data-index="${i}"]`));
}

/** The inbox scrolled back to its top, until its first row is drawn again. */
async function backToTop(page: Page): Promise<number> {
  const started = performance.now();
  await page.getByTestId('inbox-list').evaluate((el) => el.scrollTo(0, 0));
  await page.locator('[data-testid="conversation"][data-index="0"]').waitFor({ state: 'attached' });
  return performance.now() - started;
}

export const consoleScenario: Scenario = {
  name: 'console',
  summary:
    'the web console in Chromium on the 1M-message world: open, a conversation, 1,050 conversations scrolled',
  async run(options: BenchOptions) {
    const { shape, file } = WORLDS[0]!;
    const { world } = await prepareWorld(join(options.resultsDir, file), shape, options);
    const server = await startParley(world.file);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const opens: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        const { page, ms } = await newConsole(browser, server.url);
        opens.push(ms);
        await page.close();
      }
      const { page } = await newConsole(browser, server.url);
      const rows = page.getByTestId('conversation');
      const drawn = await rows.count();
      const switches = await openConversations(
        page,
        Array.from({ length: SWITCHES }, (_, i) => rows.nth(1 + (i % (drawn - 1)))),
      );
      const scroll = await scrollThrough(page);
      // Conversations far down the list (about the 1,000th), opened after the scroll.
      const after = await openConversations(page, (await rowsInView(page)).slice(0, 5));
      const topMs = await backToTop(page);
      const open = median(opens);
      const conversation = median(switches);
      const conversationAfter = median(after);
      const failures = [
        ...(open < TARGETS.openMs ? [] : [`open ${formatMs(open)} ms ≥ ${TARGETS.openMs}`]),
        ...(conversation < TARGETS.conversationMs
          ? []
          : [`conversation ${formatMs(conversation)} ms ≥ ${TARGETS.conversationMs}`]),
        ...(conversationAfter < TARGETS.conversationMs
          ? []
          : [`conversation after the scroll ${formatMs(conversationAfter)} ms ≥ ${TARGETS.conversationMs}`]),
        ...(scroll.mostRows <= TARGETS.rows ? [] : [`${scroll.mostRows} rows drawn > ${TARGETS.rows}`]),
      ];
      options.log(
        table(
          [{ title: `The console on the ${shape.name} world` }, { title: 'ms (median)', align: 'right' }],
          [
            ['open /console/ until the inbox shows (new page)', formatMs(open)],
            ['open a conversation until its messages show', formatMs(conversation)],
            [`the next ${PAGE} conversations, scrolled to the end`, formatMs(median(scroll.pages))],
            [
              `scroll through ${formatCount(LAST_ROW + PAGE)} conversations (total)`,
              formatMs(scroll.totalMs),
            ],
            ['back to the top, drawn', formatMs(topMs)],
            ['open a conversation after the scroll', formatMs(conversationAfter)],
          ],
        ),
      );
      options.log(
        `\nWhile scrolling: at most ${scroll.mostRows} rows drawn (${drawn} at first), ` +
          `${scroll.elements} elements in the page after ${formatCount(LAST_ROW + PAGE)} conversations read ` +
          `(a list ${Math.round(scroll.shown / 1000)}k px tall)`,
      );
      options.log(
        `\n${verdict(failures)}: open < ${TARGETS.openMs} ms, a conversation < ${TARGETS.conversationMs} ms ` +
          `(before and after the scroll), at most ${TARGETS.rows} rows drawn`,
      );
      return {
        passed: failures.length === 0,
        results: { opens, switches, scroll, after, topMs },
      };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
