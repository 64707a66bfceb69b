/**
 * HTTP to apps' callback URLs, with undici over keep-alive connections: the verification GET and the
 * delivery POSTs. Never throws for what the callback does; answers what happened.
 */
import { request, type Agent } from 'undici';
import { guardedAgent, TargetRefused } from '../outbound/agent.ts';
import type { TargetPolicy } from '../outbound/targets.ts';
import { BodyBuffers } from './body-buffers.ts';

export interface CallbackOutcome {
  /** The HTTP status, when a response came. */
  readonly status?: number;
  /** What went wrong when no response came (or it could not be read). */
  readonly error?: string;
  /** The first bytes of the response body. */
  readonly snippet: string;
}

/** Enough of a response to show in the sandbox (and to compare a challenge with). */
const SNIPPET_BYTES = 1024;

export function succeeded(outcome: CallbackOutcome): boolean {
  return outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
}

/**
 * Where targets are guarded, a name that is not found and one that resolves to a refused address answer
 * alike, so that no caller learns which internal names exist.
 */
const UNREACHABLE_OR_REFUSED =
  'Host not found, or its address is not allowed (private, loopback or link-local)';

function describe(error: unknown, timeoutMs: number, guarded: boolean): string {
  const e = error as { code?: string; name?: string; message?: string };
  if (error instanceof TargetRefused || (guarded && e.code === 'ENOTFOUND')) return UNREACHABLE_OR_REFUSED;
  if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT')
    return `Timed out after ${timeoutMs} ms`;
  if (e.code === 'ECONNREFUSED') return 'Connection refused';
  if (e.code === 'ENOTFOUND') return 'Host not found';
  if (e.code === 'ECONNRESET' || e.code === 'UND_ERR_SOCKET') return 'Connection reset';
  return e.message ?? String(error);
}

async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= SNIPPET_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
}

/** The headers of a webhook POST, as Meta sends them, with its signature headers. */
export function postHeaders(signature: Record<string, string>): Record<string, string> {
  return { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', ...signature };
}

export class CallbackClient {
  private readonly agent: Agent;
  /** Buffers to write POST bodies into, used again once sent. */
  readonly bodies = new BodyBuffers();

  private readonly guarded: boolean;

  constructor(targets: TargetPolicy) {
    this.guarded = !targets.open;
    this.agent = guardedAgent(targets, { keepAliveTimeout: 30_000, connections: 32 });
  }

  post(url: string, body: Buffer, headers: Record<string, string>, timeoutMs: number) {
    return this.call(url, 'POST', timeoutMs, body, postHeaders(headers));
  }

  /** A form POST, as Meta sends an app's deauthorize and data deletion callbacks (`signed_request=…`). */
  postForm(url: string, form: URLSearchParams, timeoutMs: number) {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'facebookexternalua',
    };
    return this.call(url, 'POST', timeoutMs, Buffer.from(form.toString()), headers);
  }

  get(url: string, timeoutMs: number) {
    return this.call(url, 'GET', timeoutMs, undefined, { 'user-agent': 'facebookplatform/1.0' });
  }

  async close(): Promise<void> {
    await this.agent.close();
    this.bodies.close();
  }

  private async call(
    url: string,
    method: 'GET' | 'POST',
    timeoutMs: number,
    body: Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<CallbackOutcome> {
    try {
      const response = await request(url, {
        dispatcher: this.agent,
        method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      try {
        return { status: response.statusCode, snippet: await readSnippet(response.body) };
      } catch (error) {
        return { status: response.statusCode, snippet: '', error: describe(error, timeoutMs, this.guarded) };
      }
    } catch (error) {
      return { error: describe(error, timeoutMs, this.guarded), snippet: '' };
    }
  }
}
