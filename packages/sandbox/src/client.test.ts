/** The client's requests and refusals, over a fetch that records them. */
import { describe, expect, it } from 'vitest';
import { SandboxClient, SandboxError } from './client.ts';

function recording(status: number, answer: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), { status });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('SandboxClient', () => {
  it('sends JSON to the route, with the admin token, and answers the parsed body', async () => {
    const { calls, fetch } = recording(200, { message_id: 'm' });
    const sandbox = new SandboxClient({ baseUrl: 'http://parley.test/', adminToken: 'secret', fetch });
    expect(await sandbox.sendMessage('51 0', { to: '17841', text: 'hi' })).toEqual({ message_id: 'm' });
    expect(calls[0]!.url).toBe('http://parley.test/_parley/users/51%200/messages');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer secret',
    });
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ to: '17841', text: 'hi' });
  });

  it('puts queries in the URL, leaving out what is not given', async () => {
    const { calls, fetch } = recording(200, { data: [] });
    const sandbox = new SandboxClient({ baseUrl: 'http://parley.test', fetch });
    await sandbox.deliveries({ app_id: '1', status: 'failed', limit: 5, before: undefined });
    expect(calls[0]!.url).toBe(
      'http://parley.test/_parley/webhooks/deliveries?app_id=1&status=failed&limit=5',
    );
    expect(calls[0]!.init.body).toBeUndefined();
    await sandbox.setClock(new Date(1000));
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual({ set: 1000 });
  });

  it('throws a SandboxError with the status, code, message and body of a refusal', async () => {
    const envelope = {
      error: { message: 'users[0]: unknown key "x"', type: 'ParleySandboxException', code: 100 },
    };
    const sandbox = new SandboxClient({
      baseUrl: 'http://parley.test',
      fetch: recording(400, envelope).fetch,
    });
    const error = await sandbox.seed({ users: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({
      status: 400,
      code: 100,
      message: 'users[0]: unknown key "x"',
      body: envelope,
    });

    const proxy = new SandboxClient({
      baseUrl: 'http://parley.test',
      fetch: recording(502, 'Bad Gateway').fetch,
    });
    await expect(proxy.health()).rejects.toMatchObject({
      status: 502,
      message: 'HTTP 502',
      body: 'Bad Gateway',
    });
  });
});
