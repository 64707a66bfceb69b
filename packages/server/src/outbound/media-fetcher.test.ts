import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaFetcher } from './media-fetcher.ts';
import { TargetPolicy } from './targets.ts';

describe('MediaFetcher', () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url!);
    if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000).unref();
    else if (req.url!.startsWith('/to?'))
      res.writeHead(302, { location: new URL(req.url!, 'http://x').searchParams.get('location')! }).end();
    else if (req.url === '/loop') res.writeHead(301, { location: '/loop' }).end();
    else res.end('hello');
  });
  let port = 0;
  let base = '';
  const open = new MediaFetcher(new TargetPolicy('all'), 1000);
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await open.close();
    server.closeAllConnections();
    server.close();
  });

  it('fetches within the limits, following redirects', async () => {
    const fetched = await open.fetch(`${base}/files/a%20b.png`, 100);
    expect(fetched.bytes.toString()).toBe('hello');
    expect(fetched.name).toBe('a b.png');
    expect((await open.fetch(`${base}/to?location=/files/c.png`, 100)).name).toBe('c.png');
  });

  it('gives up after the timeout or too many redirects with 2018008, and on more bytes than allowed with 2018109', async () => {
    const quick = new MediaFetcher(new TargetPolicy('all'), 100);
    await expect(quick.fetch(`${base}/slow`, 100)).rejects.toMatchObject({ spec: { subcode: 2018008 } });
    await quick.close();
    await expect(open.fetch(`${base}/loop`, 100)).rejects.toMatchObject({ spec: { subcode: 2018008 } });
    await expect(open.fetch(`${base}/x`, 3)).rejects.toMatchObject({ spec: { subcode: 2018109 } });
    await expect(open.fetch('not a url', 3)).rejects.toMatchObject({ spec: { subcode: 2018008 } });
    await expect(open.fetch('file:///etc/passwd', 3)).rejects.toMatchObject({ spec: { subcode: 2018008 } });
  });

  it('reaches no private address the policy refuses, by address, by name or by redirect', async () => {
    const guarded = new MediaFetcher(new TargetPolicy(['localhost']), 1000);
    seen.length = 0;
    for (const url of [
      `${base}/a.png`,
      `http://[::ffff:127.0.0.1]:${port}/b.png`,
      `http://127.1:${port}/c.png`,
      `http://2130706433:${port}/d.png`,
    ]) {
      await expect(guarded.fetch(url, 100)).rejects.toMatchObject({ spec: { subcode: 2018008 } });
    }
    expect(seen).toEqual([]);
    // A listed name is reached; where it redirects is checked again.
    expect((await guarded.fetch(`http://localhost:${port}/e.png`, 100)).name).toBe('e.png');
    await expect(
      guarded.fetch(`http://localhost:${port}/to?location=http://127.0.0.1:${port}/secret.png`, 100),
    ).rejects.toMatchObject({ spec: { subcode: 2018008 } });
    expect(seen).not.toContain('/secret.png');
    await guarded.close();
  });
});
