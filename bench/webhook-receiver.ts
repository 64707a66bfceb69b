/**
 * The webhook endpoint the benchmark delivers to, a child of servers.ts: it answers the verification handshake,
 * verifies every POST's X-Hub-Signature-256 against the app secret, and counts what arrives. Controls (under
 * /_control) set the secret and the status it answers, read the counts and arrival times, and save the
 * bodies received so a bare sender can post the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@parley/protocol/signature';

const VERIFY_TOKEN = 'bench-verify';

let secret = '';
let status = 200;
let record = false;
const stats = { posts: 0, entries: 0, badSignatures: 0, firstAt: 0, lastAt: 0 };
/**
 * Bodies received (with their signature header) while recording, kept as they came: turning them into text
 * here would be work the receiver does only for Parley's deliveries, not for the bare sender's.
 */
let bodies: { raw: Buffer; signature: string }[] = [];
/** Arrival time (ms since the epoch, fractional) of each message whose text is `lat-<n>`. */
let arrivals: Record<string, number> = {};

function now(): number {
  return performance.timeOrigin + performance.now();
}

function onPost(raw: Buffer, req: IncomingMessage, res: ServerResponse): void {
  const at = now();
  const signature = req.headers['x-hub-signature-256'] as string | undefined;
  if (!verify(raw, signature, secret)) stats.badSignatures++;
  if (status !== 200) {
    res.writeHead(status).end();
    return;
  }
  const body = JSON.parse(raw.toString('latin1')) as {
    entry: { messaging: { message?: { text?: string } }[] }[];
  };
  stats.posts++;
  stats.entries += body.entry.length;
  stats.firstAt ||= at;
  stats.lastAt = at;
  for (const entry of body.entry) {
    const text = entry.messaging[0]?.message?.text;
    if (text?.startsWith('lat-')) arrivals[text.slice(4)] = at;
  }
  if (record) bodies.push({ raw, signature: signature ?? '' });
  res.writeHead(200, { 'content-type': 'text/plain' }).end('EVENT_RECEIVED');
}

function control(path: string, input: Record<string, unknown>, res: ServerResponse): void {
  const answer = (value: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  if (path === '/_control/configure') {
    if (typeof input.secret === 'string') secret = input.secret;
    if (typeof input.status === 'number') status = input.status;
    if (typeof input.record === 'boolean') record = input.record;
    return answer({ ok: true });
  }
  if (path === '/_control/reset') {
    Object.assign(stats, { posts: 0, entries: 0, badSignatures: 0, firstAt: 0, lastAt: 0 });
    bodies = [];
    arrivals = {};
    return answer({ ok: true });
  }
  if (path === '/_control/stats') return answer(stats);
  if (path === '/_control/arrivals') return answer(arrivals);
  if (path === '/_control/save-bodies') {
    const saved = bodies.map(({ raw, signature }) => ({ body: raw.toString('latin1'), signature }));
    writeFileSync(String(input.file), JSON.stringify(saved));
    return answer({ saved: bodies.length });
  }
  res.writeHead(404).end();
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://receiver');
  if (req.method === 'GET' && !url.pathname.startsWith('/_control')) {
    const ok = url.searchParams.get('hub.verify_token') === VERIFY_TOKEN;
    res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get('hub.challenge') ?? '') : '');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (url.pathname.startsWith('/_control')) {
      control(url.pathname, raw.length ? (JSON.parse(raw.toString()) as Record<string, unknown>) : {}, res);
    } else onPost(raw, req, res);
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`Webhook receiver listening on http://127.0.0.1:${port}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
