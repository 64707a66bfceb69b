/**
 * Buffers for webhook bodies, used again once sent. A fresh buffer of a few hundred kilobytes costs more in
 * page faults and cache misses than writing the body into it. But a body handed to a socket stays the
 * socket's until the kernel has taken all of it, which can be after the response (a callback may answer
 * before reading the body): a buffer is used again only when the socket that sent it has nothing left to
 * write. undici names that socket on its `undici:client:sendHeaders` diagnostics channel.
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** Buffers are this size at least, so that most bodies fit any spare one. */
const MIN_BYTES = 1 << 20;
/** Larger ones are not kept. */
const MAX_KEPT_BYTES = 8 << 20;
/** Spare buffers kept at most (about as many as bodies in flight). */
const MAX_SPARE = 16;

const SEND_HEADERS = 'undici:client:sendHeaders';

export class BodyBuffers {
  private readonly spare: ArrayBuffer[] = [];
  private readonly own = new WeakSet<ArrayBufferLike>();
  /** The socket each body in flight was written to. */
  private readonly sentOn = new WeakMap<Buffer, Socket>();
  private readonly onSendHeaders = (message: unknown) => {
    const { request, socket } = message as { request: { body?: unknown }; socket: Socket };
    const body = request.body;
    if (Buffer.isBuffer(body) && this.own.has(body.buffer)) this.sentOn.set(body, socket);
  };

  constructor() {
    diagnosticsChannel.subscribe(SEND_HEADERS, this.onSendHeaders);
  }

  /** A buffer of at least `size` bytes to write a body into. */
  take(size: number): Buffer {
    const at = this.spare.findIndex((buffer) => buffer.byteLength >= size);
    if (at >= 0) return Buffer.from(this.spare.splice(at, 1)[0]!);
    const buffer = Buffer.allocUnsafeSlow(Math.max(size, MIN_BYTES));
    this.own.add(buffer.buffer);
    return buffer;
  }

  /** The body (in a buffer from `take`) is sent and answered: its buffer may serve again, once free. */
  release(body: Buffer): void {
    const { buffer } = body;
    if (!this.own.has(buffer) || buffer.byteLength > MAX_KEPT_BYTES || this.spare.length >= MAX_SPARE) return;
    // Not written at all, or written out: nothing holds it. Otherwise the garbage collector frees it later.
    const socket = this.sentOn.get(body);
    if (socket === undefined || socket.writableLength === 0) this.spare.push(buffer as ArrayBuffer);
  }

  close(): void {
    diagnosticsChannel.unsubscribe(SEND_HEADERS, this.onSendHeaders);
  }
}
