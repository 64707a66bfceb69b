/** A local HTTP server with media files for Send API tests: real formats by their magic bytes, sizes on demand. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIKE_HEART_PNG } from '../../src/send/stickers.ts';

const MB = 1024 * 1024;

function withHeader(header: Buffer | string, size: number): Buffer {
  const head = Buffer.isBuffer(header) ? header : Buffer.from(header, 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length))]);
}

/** Files by name: the first bytes say what they are; the rest is padding. */
export const MEDIA_FILES: Readonly<Record<string, Buffer>> = {
  'heart.png': LIKE_HEART_PNG,
  'photo.jpg': withHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 2048),
  'anim.gif': withHeader('GIF89a', 1024),
  'clip.mp4': withHeader('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00', 4096),
  'clip.mov': withHeader('\x00\x00\x00\x14ftypqt  ', 4096),
  'clip.webm': withHeader(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), 4096),
  'voice.m4a': withHeader('\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00', 4096),
  'voice.wav': withHeader('RIFF\x24\x08\x00\x00WAVEfmt ', 4096),
  'doc.pdf': withHeader('%PDF-1.7\n', 4096),
  'image.webp': withHeader('RIFF\x24\x08\x00\x00WEBPVP8 ', 1024),
  'not-a-picture.png': withHeader('%PDF-1.7\n', 1024),
  'big.png': withHeader(LIKE_HEART_PNG, 9 * MB),
  'big.mp4': withHeader('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00', 26 * MB),
};

export interface MediaServer {
  readonly url: string;
  /** How many times each path was requested. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startMediaServer(): Promise<MediaServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === 'redirect') {
      res.writeHead(302, { location: new URL(req.url!, 'http://x').searchParams.get('to')! }).end();
      return;
    }
    if (path === 'slow.png') {
      setTimeout(() => res.end(LIKE_HEART_PNG), 5_000).unref();
      return;
    }
    if (path === 'streamed-big.png') {
      // No Content-Length: the size cap must stop reading mid-stream.
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(MEDIA_FILES['big.png']);
      res.end();
      return;
    }
    const file = MEDIA_FILES[path];
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-length': file.length, 'content-type': 'application/octet-stream' })
      .end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
