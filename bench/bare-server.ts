/** The baseline server, a child of servers.ts: bare node:http answering one fixed Graph-sized JSON body. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The same JSON for every request, shaped and sized like a Graph list page (25 conversations plus paging, about
 * 4.5 KB), sent with Graph's headers: the ratio to this server measures what Parley adds to Node's HTTP stack.
 */
function fixedBody(): Buffer {
  const thread = (i: number) =>
    'aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDY3NDI4NTIwNTkzODE6' +
    String(i).padStart(4, '0').repeat(15).slice(0, 56);
  const data = Array.from({ length: 25 }, (_, i) => ({
    id: thread(i),
    updated_time: '2026-11-21T05:31:31+0000',
  }));
  const cursor = 'QVFIUl9' + 'x'.repeat(120);
  const next = `http://127.0.0.1/v23.0/17846742852059381/conversations?access_token=IGAA${'a'.repeat(150)}&limit=25&after=${cursor}`;
  return Buffer.from(JSON.stringify({ data, paging: { cursors: { before: cursor, after: cursor }, next } }));
}

const body = fixedBody();
const headers = {
  'content-type': 'application/json; charset=UTF-8',
  'content-length': String(body.length),
  'facebook-api-version': 'v23.0',
  'x-fb-trace-id': 'AbCdEfGhIjKlMnOpQrStUvW',
  'x-fb-request-id': 'AbCdEfGhIjKlMnOpQrStUvW',
  'x-fb-rev': '1029384756',
  'cache-control': 'private, no-cache, no-store, must-revalidate',
  expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
  pragma: 'no-cache',
  'access-control-allow-origin': '*',
};

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});

server.listen(Number(process.env.BARE_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`Bare server (${body.length} bytes) listening on http://127.0.0.1:${port}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
