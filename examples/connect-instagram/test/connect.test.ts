import { createParley } from '@parley/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hostsAt, META_HOSTS, startConnectSite } from '../src/app.ts';

// Parley in memory with the demo world, and the site pointed at it for all three of Instagram's hosts.
const parley = await createParley();
const site = await startConnectSite({
  hosts: hostsAt(parley.url),
  appId: parley.app.id,
  appSecret: parley.app.secret,
});
beforeEach(() => parley.reset());
afterAll(() => Promise.all([parley.close(), site.close()]));

const ROBIN = '51000000008'; // the demo world's admin of parley.coffee

/** Robin's next Instagram Login for the demo app is answered at once, without the consent page. */
const robinWill = (decision: 'approve' | 'deny') =>
  parley.sandbox.call('approveLogin', {
    body: { app_id: parley.app.id, user_id: ROBIN, login: 'instagram', decision },
  });

/** A browser: follows each redirect, keeping the site's cookie; answers the last page and the URLs visited. */
async function browse(path: string) {
  let cookie = '';
  const urls = [`${site.url}${path}`];
  for (;;) {
    const url = urls.at(-1)!;
    const ours = url.startsWith(site.url);
    const response = await fetch(url, { redirect: 'manual', headers: ours && cookie ? { cookie } : {} });
    const set = response.headers.get('set-cookie');
    if (ours && set) cookie = set.split(';')[0]!;
    const location = response.headers.get('location');
    if (!location) return { status: response.status, html: await response.text(), urls };
    urls.push(new URL(location, url).toString());
  }
}

describe('connect your Instagram account', () => {
  it('runs Instagram Login, keeps a long-lived token and shows the account', async () => {
    expect((await browse('/')).html).toContain('No account connected yet.');
    await robinWill('approve');

    const { html, urls } = await browse('/connect');
    expect(urls[1]).toMatch(`${parley.url}/oauth/authorize?client_id=${parley.app.id}&`);
    expect(urls[2]).toMatch(`${site.url}/callback?code=`);
    expect(html).toContain('@parley.coffee');

    expect(site.connections).toEqual([
      expect.objectContaining({ userId: '17841458123456789', username: 'parley.coffee' }),
    ]);
    const { data } = await parley.sandbox.appTokens(parley.app.id);
    const kept = data.find((t) => t.access_token === site.connections[0]!.accessToken);
    expect(kept).toMatchObject({
      login: 'instagram',
      lifetime: 'long',
      state: 'valid',
      account_id: '17841458123456789',
    });
  });

  it('says so when the person cancels', async () => {
    await robinWill('deny');
    const { html, urls } = await browse('/connect');
    expect(urls[2]).toMatch(/error=access_denied/);
    expect(html).toContain('You cancelled the connection.');
  });

  it('refuses a callback it did not start', async () => {
    const { status, html } = await browse('/callback?code=stolen&state=forged');
    expect(status).toBe(400);
    expect(html).toContain('did not start here');
  });

  it("uses Meta's hosts unless given another base", () => {
    expect(hostsAt(undefined)).toBe(META_HOSTS);
    expect(hostsAt('http://127.0.0.1:4600').api).toBe('http://127.0.0.1:4600');
  });
});
