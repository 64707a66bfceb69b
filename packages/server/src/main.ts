/**
 * `parley start`: opens the store, prepares its world, listens, and prints the banner. The options come from
 * start-options.ts, the only place that reads flags and environment.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { GraphError, metaJson } from '@parley/protocol';
import { createApp } from './app.ts';
import { banner, worldFacts, type BannerFacts } from './banner.ts';
import { createLogger } from './core/logger.ts';
import { newId } from './graph/ids.ts';
import { batchResponses } from './http/response-batching.ts';
import { subscribeBot } from './in-process/bot-subscription.ts';
import { openClock } from './sandbox/clock-state.ts';
import { explainStartError } from './start-errors.ts';
import { readStartOptions, UsageError, type StartOptions } from './start-options.ts';
import { firstAppOf, prepareWorld, type FirstApp } from './start-world.ts';
import { isPostgresUrl, openStore, shownDatabase } from './store/open-store.ts';
import type { Store } from './store/store.ts';

/** This package's version (its package.json sits one level above the sources and the build alike). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Graph URLs (field lists, batch) can be long: allow 64 KiB of request line and headers. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Meta's envelope for a request Parley cannot read at all (before it reaches the app). */
function unreadable(detail: string): string {
  return metaJson(new GraphError('invalidParameter', { detail }).toEnvelope('facebook', newId.fbtrace()));
}

const JSON_TYPE = 'application/json; charset=UTF-8';

/** Requests Node's HTTP parser refuses still get Meta's envelope, not an empty reply. */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = unreadable(
    tooLarge ? 'The request line and headers are too large' : 'The request could not be parsed',
  );
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: ${JSON_TYPE}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** A request whose target or Host the adapter cannot make a URL of (`*`, a backslash, a bad Host). */
function answerUnreadableRequest(): Response {
  return new Response(unreadable('The request URL or Host header could not be read'), {
    status: 400,
    headers: { 'content-type': JSON_TYPE },
  });
}

export interface RunningServer {
  readonly url: string;
  /** What the banner shows: the store, its world, the first app and its tokens, the bot subscription. */
  readonly facts: BannerFacts;
  close(): Promise<void>;
}

/** An admin token shorter than this is too easy to guess for a control plane that can wipe the world. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Starts Parley as `parley start` does; what `options` leaves out is `parley start`'s default (not the environment). */
export async function startServer(given: Partial<StartOptions> = {}): Promise<RunningServer> {
  const options: StartOptions = { ...readStartOptions([], {}), ...given };
  let store: Store | undefined;
  try {
    return await listen(options, (opened) => (store = opened));
  } catch (error) {
    await store?.close().catch(() => {});
    throw explainStartError(error, options);
  }
}

async function listen(options: StartOptions, opened: (store: Store) => void): Promise<RunningServer> {
  if (options.adminToken !== undefined && options.adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new UsageError(
      `The admin token must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long (try: openssl rand -hex 16).`,
    );
  }
  if (!isLoopback(options.host) && !options.adminToken) {
    throw new UsageError(
      `Refusing to bind ${options.host} without an admin token: the sandbox control plane would be open to the network. ` +
        'Pass --admin-token (or PARLEY_ADMIN_TOKEN), or bind 127.0.0.1.',
    );
  }
  const logger = createLogger(options.logLevel, options.logFormat);
  const store = await openStore(options.db, { sqliteSync: options.sqliteSync });
  opened(store);
  const clock = await openClock(store);
  const world = await prepareWorld(store, clock, options, logger);
  // Others reach an exposed Parley: a token holder's URLs must not lead it into the networks it sits on.
  const exposed = !isLoopback(options.host) || options.adminToken !== undefined;
  const { app, start, stop, sharedChange } = await createApp({
    store,
    clock,
    logger,
    config: {
      adminToken: options.adminToken,
      exposed,
      ...(exposed && options.allowPrivateTargets && { privateTargets: options.allowPrivateTargets }),
      rateLimits: options.rateLimits,
      ...(options.mediaUrlTtl !== undefined && { mediaUrlTtlMs: options.mediaUrlTtl * 1000 }),
      ...(options.webhookTimeout !== undefined && { webhookTimeoutMs: options.webhookTimeout * 1000 }),
      ...(options.webhookDisableAfter !== undefined && {
        webhookDisableAfterMs: options.webhookDisableAfter * 1000,
      }),
    },
  });
  const listener = getRequestListener(batchResponses(app.fetch), {
    hostname: options.host,
    errorHandler: answerUnreadableRequest,
  });
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener);
  server.on('clientError', answerClientError);
  // Node answers an `Expect` it does not know with a bare 417: answer it with Meta's envelope.
  server.on('checkExpectation', (_request, response) => {
    response
      .writeHead(417, { 'content-type': JSON_TYPE })
      .end(unreadable('The Expect header can only be 100-continue'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  await start();
  // Other processes on the same PostgreSQL database move the clock and reset the world too.
  const feed = isPostgresUrl(options.db)
    ? await (
        await import('./store/postgres/change-feed.ts')
      ).listenForChanges(
        options.db,
        store.origin,
        (change) =>
          void sharedChange(change).catch((err: unknown) =>
            logger.error({ err }, 'shared change not applied'),
          ),
        (err) => logger.warn({ err }, "listening for other processes' changes"),
      )
    : undefined;
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  logger.debug({ url, db: shownDatabase(options.db) }, 'listening');
  if (exposed) {
    // A developer who sets an admin token on loopback should know why a callback on 127.0.0.1 is refused.
    logger.info(
      { allowPrivateTargets: options.allowPrivateTargets ?? [] },
      'exposed: webhook callbacks and media URLs reach public addresses, and those listed with --allow-private-targets',
    );
  }
  const first = await firstAppOf(store);
  const facts: BannerFacts = {
    url,
    version: VERSION,
    db: options.db,
    world,
    ...worldFacts(first),
    adminToken: options.adminToken !== undefined,
  };
  return {
    url,
    facts: options.webhookUrl ? { ...facts, webhooks: await wireBot(url, first, options) } : facts,
    close: () =>
      new Promise<void>((resolve) => {
        // Webhooks in flight are recorded before the database closes.
        server.close(
          () =>
            void stop()
              .then(() => feed?.close())
              .then(() => store.close())
              .then(resolve, resolve),
        );
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 3000).unref();
      }),
  };
}

/** `--webhook-url`: the world's first app subscribed to the bot and installed on its accounts, or why not. */
async function wireBot(
  url: string,
  first: FirstApp | undefined,
  options: StartOptions,
): Promise<BannerFacts['webhooks']> {
  const callback = options.webhookUrl!;
  if (!first) return { url: callback, error: 'the world has no app' };
  const { app } = first;
  const accounts = first.tokens.map(({ token, account }) => ({
    id: account.id,
    type: account.type,
    token: token.token,
  }));
  try {
    const objects = await subscribeBot(
      url,
      { id: app.id, token: app.app_token, accounts },
      {
        url: callback,
        ...(options.webhookVerifyToken && { verifyToken: options.webhookVerifyToken }),
        ...(options.webhookFields && { fields: options.webhookFields }),
      },
    );
    return { url: callback, objects };
  } catch (error) {
    return { url: callback, error: (error as Error).message };
  }
}

/** Runs `parley start` until SIGTERM or SIGINT, then stops cleanly. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const options = readStartOptions(argv, env);
  const running = await startServer(options);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Parley stopping (${signal})\n`);
    void running.close().then(() => process.exit(0));
  };
  // Handlers first: whoever reads the "listening" line may signal at once.
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.stdout.write(banner(running.facts));
}
