/**
 * Web pages cannot drive the sandbox: a cross-site "simple" POST, a DNS-rebound host name, or a preflight
 * from another origin gets nowhere, while curl-like clients, the CLI and same-origin pages keep working.
 */
import { expect, it } from 'vitest';
import { call } from './support/clients.ts';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Sandbox guard', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  const sandboxUrl = (path: string) => `${server().url}/_parley${path}`;
  const reset = (headers: Record<string, string>, body = '{"seed":"none"}') =>
    call(sandboxUrl('/reset'), { method: 'POST', headers, body });
  /** The demo world is still there: its token still reads the account. */
  const worldIntact = async () =>
    (await server().graph.get('/v23.0/me', {}, { token: DEMO.IG_TOKEN })).status === 200;

  it('refuses a cross-site text/plain POST, which a browser sends without a preflight', async () => {
    const res = await reset({ origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ type: 'ParleySandboxException', code: 100 });
    expect(await worldIntact()).toBe(true);
  });

  it('refuses what a browser marks cross-site, even as JSON', async () => {
    const res = await reset({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' });
    expect(res.status).toBe(403);
    const sameSite = await reset({ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' });
    expect(sameSite.status).toBe(403);
    expect(await worldIntact()).toBe(true);
  });

  it('refuses a host name that is not a loopback one (DNS rebinding)', async () => {
    const port = new URL(server().url).port;
    const res = await reset({ host: `rebound.evil.example:${port}`, 'content-type': 'application/json' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('loopback host names only');
    expect(await worldIntact()).toBe(true);
    const local = await call(sandboxUrl('/clock'), { headers: { host: `localhost:${port}` } });
    expect(local.status).toBe(200);
  });

  it('takes bodies as JSON only (YAML too for seeds)', async () => {
    const res = await reset({ 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    const form = await reset({ 'content-type': 'application/x-www-form-urlencoded' }, 'seed=none');
    expect(form.status).toBe(415);
    expect(await worldIntact()).toBe(true);
    const yaml = await call(sandboxUrl('/seed'), {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'users:\n  - username: guard.yaml.user\n',
    });
    expect(yaml.status).toBe(200);
  });

  it('grants no preflight to another origin', async () => {
    const res = await call(sandboxUrl('/reset'), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers same-origin pages and plain clients', async () => {
    const origin = server().url;
    const clock = await call(sandboxUrl('/clock'), { headers: { origin, 'sec-fetch-site': 'same-origin' } });
    expect(clock.status).toBe(200);
    const res = await reset({ origin, 'content-type': 'application/json' }, '{"seed":"demo"}');
    expect(res.status).toBe(200);
    expect(await worldIntact()).toBe(true);
  });
});
