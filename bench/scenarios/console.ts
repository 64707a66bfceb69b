/**
 * The console scenario: the web console in Chromium against the 1M-message world (10,000 conversations).
 * How long the page takes to show the inbox, opened afresh (a new browser page each time); how long opening
 * a conversation takes until its messages show; and how long the next page of conversations takes.
 * Targets (absolute medians, as the issue names them): open < 1 s, a conversation < 500 ms.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { quantileOf } from '../load.ts';
import { formatMs, table, verdict } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { startParley } from '../servers.ts';
import { prepareWorld, WORLDS } from './read-api.ts';

const OPENS = 7;
const SWITCHES = 15;
const TARGETS = { openMs: 1000, conversationMs: 500 } as const;

const median = (values: readonly number[]) => quantileOf(values, 0.5);

export const consoleScenario: Scenario = {
  name: 'console',
  summary: 'the web console in Chromium on the 1M-message world: open, a conversation, the next page',
  async run(options: BenchOptions) {
    const { shape, file } = WORLDS[0]!;
    const { world } = await prepareWorld(join(options.resultsDir, file), shape, options);
    const server = await startParley(world.file);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const opens: number[] = [];
      for (let i = 0; i < OPENS; i++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
        const started = performance.now();
        await page.goto(`${server.url}/console/`);
        await page.getByTestId('conversation').first().waitFor();
        opens.push(performance.now() - started);
        await page.close();
      }
      const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
      await page.goto(`${server.url}/console/`);
      await page.getByTestId('conversation').first().waitFor();
      const switches: number[] = [];
      for (let i = 1; i <= SWITCHES; i++) {
        const item = page.getByTestId('conversation').nth(i);
        const name = (await item.locator('strong').innerText()).trim();
        const started = performance.now();
        await item.click();
        await page.locator('.thread header strong', { hasText: name }).waitFor();
        await page.getByTestId('message').first().waitFor();
        switches.push(performance.now() - started);
      }
      const before = await page.getByTestId('conversation').count();
      const started = performance.now();
      await page.getByRole('button', { name: 'More conversations' }).click();
      await page.getByTestId('conversation').nth(before).waitFor();
      const moreMs = performance.now() - started;
      const open = median(opens);
      const conversation = median(switches);
      const failures = [
        ...(open < TARGETS.openMs ? [] : [`open ${formatMs(open)} ms ≥ ${TARGETS.openMs}`]),
        ...(conversation < TARGETS.conversationMs
          ? []
          : [`conversation ${formatMs(conversation)} ms ≥ ${TARGETS.conversationMs}`]),
      ];
      options.log(
        table(
          [{ title: `The console on the ${shape.name} world` }, { title: 'ms (median)', align: 'right' }],
          [
            ['open /console/ until the inbox shows (new page)', formatMs(open)],
            ['open a conversation until its messages show', formatMs(conversation)],
            ['the next 50 conversations', formatMs(moreMs)],
          ],
        ),
      );
      options.log(
        `\n${verdict(failures)}: open < ${TARGETS.openMs} ms, a conversation < ${TARGETS.conversationMs} ms`,
      );
      return { passed: failures.length === 0, results: { opens, switches, moreMs } };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
