/**
 * Malformed input found by fuzzing: each answers Meta's envelope with the same code on both stores, never a
 * 500 or a bare status, and stores nothing.
 */
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { call } from './support/clients.ts';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

/** Sends raw bytes (what an HTTP client would refuse to) and answers the status and the body. */
function raw(url: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => {
      const at = text.indexOf('\r\n\r\n');
      const head = text.slice(0, at);
      let body = text.slice(at + 4);
      if (/transfer-encoding: chunked/i.test(head)) {
        let joined = '';
        for (let i = 0; ;) {
          const end = body.indexOf('\r\n', i);
          const size = parseInt(body.slice(i, end), 16);
          if (!size) break;
          joined += body.slice(end + 2, end + 2 + size);
          i = end + 2 + size + 2;
        }
        body = joined;
      }
      resolve({ status: Number(head.split(' ')[1]), body });
    });
    socket.on('error', reject);
  });
}

function expectEnvelope(body: unknown, code = 100): void {
  expect(body).toMatchObject({
    error: { code, fbtrace_id: expect.any(String), message: expect.any(String) },
  });
}

describeEachStore('Malformed input', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });

  it('runs a batch GET item that carries a body, its body read as query parameters', async () => {
    const res = await call(server().graph.url('/v23.0/'), {
      method: 'POST',
      body: new URLSearchParams({
        access_token: DEMO.IG_TOKEN,
        batch: JSON.stringify([{ method: 'GET', relative_url: 'me', body: 'fields=username' }]),
      }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body[0].body)).toMatchObject({ username: 'parley.coffee' });
  });

  it('refuses NUL characters in Graph parameters and sandbox input alike', async () => {
    const { graph, sandbox } = server();
    const send = await graph.post(
      '/v23.0/me/messages',
      { recipient: { id: DEMO.IGSID }, message: { text: 'a\u0000b' } },
      { token: DEMO.IG_TOKEN },
    );
    expect(send.status).toBe(400);
    expect(send.body.error.message).toBe('(#100) Param message[text] must not contain NUL characters');
    const template = await graph.post(
      '/v23.0/me/messages',
      {
        recipient: { id: DEMO.IGSID },
        message: { attachment: { type: 'template', payload: { template_type: 'button', text: 'x\u0000' } } },
      },
      { token: DEMO.IG_TOKEN },
    );
    expect(template.status).toBe(400);
    for (const path of ['/users/a%00b', '/accounts/%00', '/webhooks/deliveries?app_id=a%00']) {
      const res = await sandbox.raw('GET', path);
      expect(res.status, path).toBe(400);
      expectEnvelope(res.body);
    }
  });

  it('refuses fractions and numbers past what is stored, as 400s', async () => {
    const { sandbox } = server();
    for (const [path, body] of [
      ['/users', { username: 'fraction.count', follower_count: 1.5 }],
      ['/users', { username: 'huge.count', follower_count: 2 ** 63 }],
      ['/accounts', { type: 'instagram', username: 'huge.shop', followers_count: 1e20 }],
    ] as const) {
      const res = await sandbox.raw('POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expectEnvelope(res.body);
    }
    const before = await sandbox.raw('GET', '/webhooks/deliveries?before=1e20');
    expect(before.status).toBe(400);
    expectEnvelope(before.body);
  });

  it("answers requests the HTTP layer cannot read with Meta's envelope", async () => {
    const { url } = server();
    const requests = [
      `GET /v23.0/me HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n`,
      `OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      `GET /v23.0\\me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      `POST /v23.0/me/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: teapot\r\nContent-Length: 3\r\nConnection: close\r\n\r\nx=1`,
    ];
    for (const request of requests) {
      const res = await raw(url, request);
      expect(res.status, request).toBeGreaterThanOrEqual(400);
      expect(res.status, request).toBeLessThan(500);
      expectEnvelope(JSON.parse(res.body));
    }
  });
});
