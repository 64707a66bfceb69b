/**
 * A bot's webhook endpoint for tests, with no test framework of its own (Vitest, Jest and node:test alike):
 * a real HTTP server on 127.0.0.1 that answers Meta's verification handshake, checks every POST's
 * `X-Hub-Signature-256` against the app secret, and collects the events for a test to wait on.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessagingEvent } from '@parley/protocol';
import { verify } from '@parley/protocol/signature';

/**
 * One event of a webhook POST: an `entry[].messaging[]` item, an `entry[].standby[]` one (a thread another app
 * controls), or an `entry[].changes[]` one.
 */
export interface ReceivedEvent {
  /** `instagram` or `page`. */
  readonly object: string;
  /** The business account the entry is for. */
  readonly accountId: string;
  /** The item itself: `{sender, recipient, timestamp, message | postback | reaction | read …}`. */
  readonly event: MessagingEvent;
  /** `messaging`, `standby`, or `changes` for a change (whose fields are then in `event` as Meta sent them). */
  readonly kind: 'messaging' | 'standby' | 'changes';
}

export interface ReceivedPost {
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  readonly raw: Buffer;
  readonly body: unknown;
  /** Whether its signature matched the app secret (a POST that does not match is answered 403). */
  readonly signed: boolean;
}

export interface WebhookReceiver {
  /** The callback URL to subscribe (`createParley({ webhooks: { url } })`). */
  readonly url: string;
  /** The events of signed POSTs, in arrival order. */
  readonly events: readonly ReceivedEvent[];
  /** Every POST, signed or not. */
  readonly posts: readonly ReceivedPost[];
  /** The first event `predicate` accepts, arrived or to come; fails after `timeout` ms (default 5000). */
  waitFor(
    predicate: (event: ReceivedEvent) => boolean,
    options?: { timeout?: number },
  ): Promise<ReceivedEvent>;
  /** Forgets what arrived (call it between tests). */
  clear(): void;
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** The app secret POSTs are signed with (the demo app's by default). */
  readonly appSecret?: string;
  /** The `hub.verify_token` the handshake must carry (default `parley-verify-token`, as createParley sends). */
  readonly verifyToken?: string;
  /** The port on 127.0.0.1 (default: a free one). */
  readonly port?: number;
}

interface WebhookBody {
  readonly object: string;
  readonly entry: readonly ({ readonly id: string } & Partial<
    Record<'messaging' | 'standby' | 'changes', MessagingEvent[]>
  >)[];
}

/** The demo world's app secret. */
export const DEMO_APP_SECRET = '6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d';

export async function createWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const appSecret = options.appSecret ?? DEMO_APP_SECRET;
  const verifyToken = options.verifyToken ?? 'parley-verify-token';
  const events: ReceivedEvent[] = [];
  const posts: ReceivedPost[] = [];
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === verifyToken;
      if (ok) res.end(url.searchParams.get('hub.challenge') ?? '');
      else res.writeHead(403).end('Forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signed = verify(raw, req.headers['x-hub-signature-256'], appSecret);
      let body: WebhookBody | undefined;
      try {
        body = JSON.parse(raw.toString('utf8')) as WebhookBody;
      } catch {
        body = undefined;
      }
      posts.push({ headers: req.headers, raw, body, signed });
      if (!signed || !Array.isArray(body?.entry)) {
        res.writeHead(signed ? 400 : 403).end();
        return;
      }
      for (const entry of body.entry) {
        for (const kind of ['messaging', 'standby', 'changes'] as const) {
          for (const event of entry[kind] ?? [])
            events.push({ object: body.object, accountId: entry.id, event, kind });
        }
      }
      res.end('EVENT_RECEIVED');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    events,
    posts,
    waitFor(predicate, { timeout = 5000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          done();
          resolve(found);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`No webhook event matched within ${timeout} ms (${events.length} received)`));
        }, timeout);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      events.length = 0;
      posts.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
