/**
 * `parley start`: the only place that reads flags and environment and opens a port.
 * Flags win over env: --port/PARLEY_PORT, --host/PARLEY_HOST, --db/PARLEY_DB, --seed/PARLEY_SEED,
 * --admin-token/PARLEY_ADMIN_TOKEN, --log-level/PARLEY_LOG_LEVEL, and the rest in USAGE.
 */
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { GraphError, metaJson } from '@parley/protocol';
import { newId } from './graph/ids.ts';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import { createApp } from './app.ts';
import { batchResponses } from './http/response-batching.ts';
import { createLogger, type LogLevel } from './core/logger.ts';
import { openClock } from './sandbox/clock-state.ts';
import { seedOnFirstStart } from './sandbox/demo.ts';
import { isPostgresUrl, openStore } from './store/open-store.ts';
import { parsePrivateTargets, type PrivateTargets } from './outbound/targets.ts';
import { SQLITE_SYNC_MODES, type SqliteSync } from './store/sqlite/connect.ts';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  readonly seed: string;
  readonly adminToken?: string;
  readonly logLevel: LogLevel;
  readonly rateLimits: boolean;
  /** How a SQLite database waits for the disk (default off). */
  readonly sqliteSync?: SqliteSync;
  /** Seconds a media URL works. */
  readonly mediaUrlTtl?: number;
  /** Seconds a callback URL has to answer. */
  readonly webhookTimeout?: number;
  /** Seconds of failed deliveries after which an app is unsubscribed from the account (0: never). */
  readonly webhookDisableAfter?: number;
  /** Exposed, the non-public targets callbacks and media URLs may still reach (none by default). */
  readonly allowPrivateTargets?: PrivateTargets;
}

export const USAGE = `Usage: parley start [options]

  --port N            port to listen on (default 4600; env PARLEY_PORT)
  --host H            address to bind (default 127.0.0.1; env PARLEY_HOST)
  --db TARGET         SQLite file, :memory: or postgres://… (default ./.parley/parley.db; env PARLEY_DB)
  --seed SEED         demo, none or a JSON/YAML seed file, applied on first start (default demo; env PARLEY_SEED)
  --admin-token T     require "Authorization: Bearer T" on /_parley (env PARLEY_ADMIN_TOKEN)
  --log-level L       fatal, error, warn, info, debug or silent (default info; env PARLEY_LOG_LEVEL)
  --rate-limits on|off  Meta's rate limits (default on; env PARLEY_RATE_LIMITS)
  --sqlite-sync MODE  off, normal or full: how a SQLite database waits for the disk. off survives a crash of
                      Parley but not of the machine; normal also survives power loss, more slowly
                      (default off; env PARLEY_SQLITE_SYNC)
  --media-url-ttl S   seconds a media URL works before it expires (default 259200; env PARLEY_MEDIA_URL_TTL)
  --webhook-timeout S seconds a callback URL has to answer a webhook (default 5; env PARLEY_WEBHOOK_TIMEOUT)
  --webhook-disable-after S
                      seconds of failed deliveries before an app is unsubscribed from the account, 0 for
                      never (default 3600; env PARLEY_WEBHOOK_DISABLE_AFTER)
  --allow-private-targets LIST
                      when exposed (another bind address, or an admin token), webhook callbacks and media
                      URLs may not reach loopback, private or link-local addresses but these: comma-separated
                      addresses, CIDR ranges and host names, or all (env PARLEY_ALLOW_PRIVATE_TARGETS)
`;

const TEN_YEARS = 10 * 365 * 24 * 3600;

export class UsageError extends Error {}

export function readStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'admin-token': { type: 'string' },
        'log-level': { type: 'string' },
        'rate-limits': { type: 'string' },
        'sqlite-sync': { type: 'string' },
        'media-url-ttl': { type: 'string' },
        'webhook-timeout': { type: 'string' },
        'webhook-disable-after': { type: 'string' },
        'allow-private-targets': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // An empty variable (`PARLEY_PORT=`) is as good as none.
  const pick = (flag: string, name: string) =>
    (values[flag] as string | undefined) ?? (env[name] || undefined);
  const port = Number(pick('port', 'PARLEY_PORT') ?? 4600);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`Invalid port: ${pick('port', 'PARLEY_PORT')}`);
  const logLevel = (pick('log-level', 'PARLEY_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new UsageError(`Invalid log level: ${logLevel}`);
  }
  const rateLimits = (pick('rate-limits', 'PARLEY_RATE_LIMITS') ?? 'on').toLowerCase();
  if (rateLimits !== 'on' && rateLimits !== 'off')
    throw new UsageError(`--rate-limits takes on or off, not ${rateLimits}`);
  const sqliteSync = (pick('sqlite-sync', 'PARLEY_SQLITE_SYNC') ?? 'off').toLowerCase() as SqliteSync;
  if (!SQLITE_SYNC_MODES.includes(sqliteSync))
    throw new UsageError(`--sqlite-sync takes ${SQLITE_SYNC_MODES.join(', ')}, not ${sqliteSync}`);
  const seconds = (flag: string, env: string, what: string, { allowZero = false, max = TEN_YEARS } = {}) => {
    const text = pick(flag, env);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!((value > 0 || (allowZero && value === 0)) && value <= max))
      throw new UsageError(`Invalid ${what}: ${text} (seconds, at most ${max})`);
    return value;
  };
  const mediaUrlTtl = seconds('media-url-ttl', 'PARLEY_MEDIA_URL_TTL', 'media URL lifetime');
  // A timer waits at most 2^31 - 1 ms.
  const webhookTimeout = seconds('webhook-timeout', 'PARLEY_WEBHOOK_TIMEOUT', 'webhook timeout', {
    max: 2_147_483,
  });
  const webhookDisableAfter = seconds(
    'webhook-disable-after',
    'PARLEY_WEBHOOK_DISABLE_AFTER',
    'webhook disable delay',
    { allowZero: true },
  );
  const targetList = pick('allow-private-targets', 'PARLEY_ALLOW_PRIVATE_TARGETS');
  let allowPrivateTargets: PrivateTargets | undefined;
  try {
    allowPrivateTargets = targetList === undefined ? undefined : parsePrivateTargets(targetList);
  } catch (error) {
    throw new UsageError(`--allow-private-targets: ${(error as Error).message}`);
  }
  return {
    port,
    rateLimits: rateLimits === 'on',
    sqliteSync,
    ...(mediaUrlTtl !== undefined && { mediaUrlTtl }),
    ...(webhookTimeout !== undefined && { webhookTimeout }),
    ...(webhookDisableAfter !== undefined && { webhookDisableAfter }),
    ...(allowPrivateTargets !== undefined && { allowPrivateTargets }),
    host: pick('host', 'PARLEY_HOST') ?? '127.0.0.1',
    db: pick('db', 'PARLEY_DB') ?? './.parley/parley.db',
    seed: pick('seed', 'PARLEY_SEED') ?? 'demo',
    adminToken: pick('admin-token', 'PARLEY_ADMIN_TOKEN') || undefined,
    logLevel,
  };
}

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
  close(): Promise<void>;
}

/** An admin token shorter than this is too easy to guess for a control plane that can wipe the world. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

export async function startServer(options: StartOptions): Promise<RunningServer> {
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
  const logger = createLogger(options.logLevel);
  const store = await openStore(options.db, { sqliteSync: options.sqliteSync });
  const clock = await openClock(store);
  await seedOnFirstStart(store, clock, options.seed, logger);
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
  logger.info({ url, db: options.db.replace(/\/\/[^@]*@/, '//***@') }, 'listening');
  if (exposed) {
    // A developer who sets an admin token on loopback should know why a callback on 127.0.0.1 is refused.
    logger.info(
      { allowPrivateTargets: options.allowPrivateTargets ?? [] },
      'exposed: webhook callbacks and media URLs reach public addresses, and those listed with --allow-private-targets',
    );
  }
  return {
    url,
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
  process.stdout.write(`Parley listening on ${running.url}\n`);
}
