import { TargetPolicy } from '../outbound/targets.ts';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackClient } from './callback-client.ts';

const servers: Server[] = [];
const sockets: Socket[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Fills a body buffer from `client` with `size` bytes, as the envelope does. */
function body(client: CallbackClient, size: number): Buffer {
  return client.bodies.take(size).fill(0x61, 0, size).subarray(0, size);
}

describe('webhook body buffers', () => {
  it('uses a buffer again once its body has been sent and answered', async () => {
    const url = await listen(createHttpServer((req, res) => req.resume().on('end', () => res.end('ok'))));
    const client = new CallbackClient(new TargetPolicy('all'));
    try {
      const first = body(client, 300_000);
      expect((await client.post(url, first, {}, 5_000)).status).toBe(200);
      client.bodies.release(first);
      const second = body(client, 300_000);
      expect(second.buffer).toBe(first.buffer);
    } finally {
      await client.close();
    }
  });

  it('does not use a buffer again while the socket still holds part of its body', async () => {
    // Answers at once and never reads: the rest of a large body stays in the client's socket.
    const url = await listen(
      createTcpServer((socket) => {
        sockets.push(socket);
        socket.pause();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      }),
    );
    const client = new CallbackClient(new TargetPolicy('all'));
    try {
      const first = body(client, 7 << 20);
      expect((await client.post(url, first, {}, 5_000)).status).toBe(200);
      client.bodies.release(first);
      const second = body(client, 7 << 20);
      expect(second.buffer).not.toBe(first.buffer);
      expect(first.every((byte) => byte === 0x61)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
