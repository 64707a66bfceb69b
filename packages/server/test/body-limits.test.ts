/**
 * Bodies are bounded per route while they stream in: an oversized one is refused with Meta's envelope before
 * it is read (by its Content-Length) or as soon as it passes the limit (chunked), token or not.
 */
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const MB = 1024 * 1024;

/** Writes a request's head, then `bodyBytes` of body in 64 KiB chunks until the server answers; answers it. */
function send(
  url: string,
  head: string,
  bodyBytes: number,
  chunked = false,
): Promise<{ status: number; body: string; sent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    let sent = 0;
    let answered = false;
    const socket = connect(Number(port), hostname, () => {
      socket.write(head);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!answered && sent < bodyBytes) {
          const part = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
          sent += part.length;
          const ok = socket.write(
            chunked
              ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')])
              : part,
          );
          if (!ok) return void socket.once('drain', pump);
        }
        if (chunked && !answered) socket.write('0\r\n\r\n');
      };
      pump();
    });
    socket.on('data', (data: Buffer) => {
      answered = true;
      answer += data.toString('utf8');
      if (answer.includes('"fbtrace_id"') || answer.includes('\r\n0\r\n')) {
        const at = answer.indexOf('\r\n\r\n');
        const body = answer.slice(at + 4);
        resolve({
          status: Number(answer.split(' ')[1]),
          body: body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1),
          sent,
        });
        socket.destroy();
      }
    });
    socket.on('error', (error) => (answered ? undefined : reject(error)));
  });
}

describeEachStore('Body limits', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  const host = () => new URL(server().url).host;

  it('refuses a 300 MiB Send API body without a token by its length, before reading it', async () => {
    const head =
      `POST /v23.0/me/messages HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${300 * MB}\r\n\r\n`;
    const res = await send(server().url, head, 300 * MB);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 1, fbtrace_id: expect.any(String) });
    expect(res.sent).toBeLessThan(64 * MB);
  });

  it('refuses a chunked body as soon as it passes the limit', async () => {
    const head =
      `POST /_parley/apps HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\n` +
      'Transfer-Encoding: chunked\r\n\r\n';
    const res = await send(server().url, head, 200 * MB, true);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toContain('1048576 bytes');
    expect(res.sent).toBeLessThan(100 * MB);
  });

  it('takes ordinary bodies, and the server answers after refusing large ones', async () => {
    const { graph } = server();
    const me = await graph.post(
      '/v23.0/me/messages',
      { recipient: { id: DEMO.IGSID }, message: { text: 'small' } },
      { token: DEMO.IG_TOKEN },
    );
    expect(me.status).toBe(200);
  });
});
