/**
 * A bot's webhook endpoint for tests: a real HTTP server on 127.0.0.1 that answers the verification
 * handshake as a bot would, keeps every POST byte for byte, and answers what the test tells it to.
 */
import { sign } from '@parley/protocol/signature';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphClient } from './clients.ts';

export interface ReceivedPost {
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  readonly raw: Buffer;
  readonly body: {
    object: string;
    /** `messaging` for messaging events (absent on the entries of `changes` and `standby`). */
    entry: {
      id: string;
      time: number;
      messaging: any[];
      standby?: any[];
      changes?: { field: string; value: any }[];
    }[];
  };
  readonly receivedAt: number;
}

export interface Receiver {
  readonly url: string;
  /** POSTs answered with a 2xx. */
  readonly posts: ReceivedPost[];
  /** POSTs answered otherwise. */
  readonly rejected: ReceivedPost[];
  /** Every messaging item received, in arrival order. */
  items(): any[];
  /** Every `standby` item received (threads another app controls), in arrival order. */
  standby(): any[];
  /** Every `changes` item received (comments, mentions, a Page's feed), with its entry, in arrival order. */
  changes(): ChangeItem[];
  /** The verification requests received (their query parameters). */
  readonly handshakes: URLSearchParams[];
  /** The status POSTs are answered with (200 by default; 0 never answers); a function decides per POST. */
  respondWith(status: number | ((post: ReceivedPost) => number)): void;
  /** Answers every POST this many milliseconds late. */
  answerAfter(ms: number): void;
  /** Waits until `count` messaging items have arrived (or fails after `timeoutMs`). */
  waitForItems(count: number, timeoutMs?: number): Promise<any[]>;
  /** Waits until `check` answers something (re-checked on every POST), and answers it. */
  until<T>(check: () => T | undefined, timeoutMs?: number): Promise<T>;
  /** The messaging items to or from a business account, once at least `count` have arrived. */
  itemsOf(accountId: string, count: number, timeoutMs?: number): Promise<any[]>;
  /** The `changes` items for a business account, once at least `count` have arrived. */
  changesOf(accountId: string, count: number, timeoutMs?: number): Promise<ChangeItem[]>;
  close(): Promise<void>;
}

/** A `changes` item as received: its `{field, value}`, the entry's account and time, and the POST's object. */
export interface ChangeItem {
  readonly object: string;
  readonly entryId: string;
  /** The entry's `time`: seconds for `changes`. */
  readonly time: number;
  readonly field: string;
  readonly value: any;
}

export interface ReceiverOptions {
  /** The verify token the bot expects; the handshake fails (403) for any other. */
  readonly verifyToken?: string;
  /** Answer the handshake with something other than the challenge. */
  readonly handshake?: 'echo' | 'wrong-challenge' | 'error';
}

/** The signature header value a POST's body should carry: the protocol's `sign`, under the name tests use. */
export const signatureOf: typeof sign = sign;

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const posts: ReceivedPost[] = [];
  const rejected: ReceivedPost[] = [];
  const handshakes: URLSearchParams[] = [];
  let status: number | ((post: ReceivedPost) => number) = 200;
  let lateMs = 0;
  const waiters = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET') {
      handshakes.push(url.searchParams);
      const mode = options.handshake ?? 'echo';
      const tokenOk = url.searchParams.get('hub.verify_token') === (options.verifyToken ?? 'verify-me');
      if (mode === 'error' || !tokenOk || url.searchParams.get('hub.mode') !== 'subscribe') {
        res.writeHead(403).end('Forbidden');
      } else {
        res.end(mode === 'echo' ? (url.searchParams.get('hub.challenge') ?? '') : 'not the challenge');
      }
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const post: ReceivedPost = {
        headers: req.headers,
        raw,
        body: JSON.parse(raw.toString('utf8')),
        receivedAt: Date.now(),
      };
      const code = typeof status === 'function' ? status(post) : status;
      if (code === 0) {
        rejected.push(post);
        return;
      }
      const answer = () => {
        (code >= 200 && code < 300 ? posts : rejected).push(post);
        res.writeHead(code, { 'content-type': 'text/plain' }).end(code < 300 ? 'EVENT_RECEIVED' : 'nope');
        for (const wake of waiters) wake();
      };
      if (lateMs > 0) setTimeout(answer, lateMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const items = () => posts.flatMap((p) => p.body.entry.flatMap((e) => e.messaging ?? []));
  const standby = () => posts.flatMap((p) => p.body.entry.flatMap((e) => e.standby ?? []));
  const changes = (): ChangeItem[] =>
    posts.flatMap((p) =>
      p.body.entry.flatMap((e) =>
        (e.changes ?? []).map((c) => ({ object: p.body.object, entryId: e.id, time: e.time, ...c })),
      ),
    );
  function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(attempt);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(new Error('timed out waiting for webhooks'));
      }, timeoutMs);
      waiters.add(attempt);
      attempt();
    });
  }

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    posts,
    rejected,
    handshakes,
    items,
    standby,
    changes,
    respondWith(next) {
      status = next;
    },
    answerAfter(ms) {
      lateMs = ms;
    },
    waitForItems: (count, timeoutMs) =>
      until(() => (items().length >= count ? items() : undefined), timeoutMs),
    until,
    itemsOf(accountId, count, timeoutMs) {
      const of = () => items().filter((i) => i.sender?.id === accountId || i.recipient.id === accountId);
      return until(() => (of().length >= count ? of() : undefined), timeoutMs).catch(() => {
        throw new Error(`expected ${count} webhook items for ${accountId}, got ${JSON.stringify(of())}`);
      });
    },
    changesOf(accountId, count, timeoutMs) {
      const of = () => changes().filter((c) => c.entryId === accountId);
      return until(() => (of().length >= count ? of() : undefined), timeoutMs).catch(() => {
        throw new Error(`expected ${count} webhook changes for ${accountId}, got ${JSON.stringify(of())}`);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Subscribes an app's webhooks for an object to the receiver (the verification handshake included). */
export async function subscribeApp(
  graph: GraphClient,
  app: { id: string; app_token: string },
  receiver: Receiver,
  object: 'instagram' | 'page',
  fields: readonly string[],
) {
  const result = await graph.post(`/v23.0/${app.id}/subscriptions`, {
    object,
    callback_url: receiver.url,
    verify_token: 'verify-me',
    fields: fields.join(','),
    access_token: app.app_token,
  });
  if (result.status !== 200) throw new Error(`subscribing failed: ${result.text}`);
}

/** Installs the token's app on its account for these fields (`/me/subscribed_apps`). */
export async function installApp(graph: GraphClient, token: string, fields: readonly string[]) {
  const result = await graph.post(
    '/v23.0/me/subscribed_apps',
    { subscribed_fields: fields.join(',') },
    { token },
  );
  if (result.status !== 200) throw new Error(`installing failed: ${result.text}`);
}
