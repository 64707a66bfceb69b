import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia } from './fetch-media.ts';

describe('fetchMedia', () => {
  const server = createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000).unref();
    else res.end('hello');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches within the limits', async () => {
    const fetched = await fetchMedia(`${base}/files/a%20b.png`, { timeoutMs: 1000, maxBytes: 100 });
    expect(fetched.bytes.toString()).toBe('hello');
    expect(fetched.name).toBe('a b.png');
  });

  it('gives up after the timeout with 2018008, and refuses more bytes than allowed with 2018109', async () => {
    await expect(fetchMedia(`${base}/slow`, { timeoutMs: 100, maxBytes: 100 })).rejects.toMatchObject({
      spec: { subcode: 2018008 },
    });
    await expect(fetchMedia(`${base}/x`, { timeoutMs: 1000, maxBytes: 3 })).rejects.toMatchObject({
      spec: { subcode: 2018109 },
    });
    await expect(fetchMedia('not a url', { timeoutMs: 1000, maxBytes: 3 })).rejects.toMatchObject({
      spec: { subcode: 2018008 },
    });
  });
});
