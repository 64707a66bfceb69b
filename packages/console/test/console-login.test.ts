/**
 * Logging in from the console, in Chromium: "log in as" a person opens Facebook Login's real consent page, the
 * person grants a Page, and the console comes back with the code, exchanges it, and lists the new tokens with
 * their kind, login and state. Cancelling comes back with access_denied. Instagram Login the same way.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../../server/src/index.ts';
import { launchChromium, localPage } from './chromium.ts';

const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const ROBIN = '51000000008';

describe('logging in from the console', () => {
  let parley: Parley;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    parley = await createParley();
    browser = await launchChromium();
    page = await localPage(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.close();
  });

  async function startLogin(button: 'Facebook Login' | 'Instagram Login') {
    await page.goto(`${parley.url}/console/`);
    await page.getByRole('button', { name: 'World' }).click();
    await page.getByTestId('login-person').first().selectOption(ROBIN);
    await page.getByRole('button', { name: button }).first().click();
  }

  it('logs in as a person through the consent page, and lists the tokens it gave', async () => {
    await startLogin('Facebook Login');
    await page.getByText('Parley Demo App is requesting access').waitFor();
    expect(await page.getByRole('checkbox').count()).toBe(1); // Robin's one Page
    await page.screenshot({ path: `${IMAGES}login-consent.png` });
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.getByTestId('login-result').getByText('Logged in with Facebook').waitFor();
    expect(new URL(page.url()).search).toBe('');
    const rows = page.getByTestId('app-tokens').locator('tr');
    await expect.poll(() => rows.filter({ hasText: 'facebook login' }).count()).toBe(1);
    await expect
      .poll(() => rows.filter({ hasText: 'short-lived' }).first().getByTestId('token-state').textContent())
      .toBe('valid');
  });

  it('comes back with access_denied when the person cancels', async () => {
    await startLogin('Facebook Login');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('login-result').getByText('Login cancelled: Permissions error').waitFor();
  });

  it('logs in with Instagram as the account the person runs', async () => {
    await startLogin('Instagram Login');
    await page.getByRole('radio', { name: /parley\.coffee/ }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByTestId('login-result').getByText('Logged in with Instagram: IGAA').waitFor();
    const rows = page.getByTestId('app-tokens').locator('tr');
    await expect.poll(() => rows.filter({ hasText: 'instagram login' }).count()).toBe(1);
  });
});
