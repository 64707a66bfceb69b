/** The web console behind an admin token, in Chromium: it asks for the token, then opens on the inbox. */
import { describe, it } from 'vitest';
import { startServer } from '../../server/src/index.ts';
import { launchChromium, localPage } from './chromium.ts';

describe('the web console behind an admin token', () => {
  it('asks for the token, then opens on the inbox', async () => {
    const server = await startServer({
      port: 0,
      db: ':memory:',
      logLevel: 'silent',
      adminToken: 'a-long-admin-token-1234',
    });
    const browser = await launchChromium();
    try {
      const page = await localPage(browser);
      await page.goto(`${server.url}/console/`);
      await page.getByPlaceholder('Admin token').fill('a-long-admin-token-1234');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByTestId('conversation').first().waitFor({ timeout: 10_000 });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
