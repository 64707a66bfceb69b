/**
 * `parley start`'s options, from flags and environment (flags win): the only place that reads either.
 */
import { parseArgs } from 'node:util';
import type { LogFormat, LogLevel } from './core/logger.ts';
import { parsePrivateTargets, type PrivateTargets } from './outbound/targets.ts';
import { SQLITE_SYNC_MODES, type SqliteSync } from './store/sqlite/connect.ts';

export interface StartOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  readonly seed: string;
  readonly adminToken?: string;
  readonly logLevel: LogLevel;
  /** Readable lines (default) or structured JSON. */
  readonly logFormat?: LogFormat;
  /** Replace the world the database holds with the seed. */
  readonly reset?: boolean;
  /** Subscribe the world's first app to this callback URL and install it on the accounts it has tokens for. */
  readonly webhookUrl?: string;
  /** The `hub.verify_token` that callback expects. */
  readonly webhookVerifyToken?: string;
  /** The fields that subscription names (default: the messaging fields). */
  readonly webhookFields?: readonly string[];
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
  --reset             replace the world the database holds with the seed (env PARLEY_RESET=1)
  --webhook-url URL   subscribe the world's first app (the demo app) to your bot's webhook endpoint, after
                      Meta's verification handshake, and install it on its accounts (env PARLEY_WEBHOOK_URL)
  --webhook-verify-token T
                      the hub.verify_token your endpoint expects (default parley-verify-token;
                      env PARLEY_WEBHOOK_VERIFY_TOKEN)
  --webhook-fields F,G  the fields that subscription names (default: the messaging fields; a bot that
                      answers comments adds comments,feed; env PARLEY_WEBHOOK_FIELDS)
  --log-level L       fatal, error, warn, info, debug or silent (default info; env PARLEY_LOG_LEVEL)
  --log-format F      pretty (a line per Graph request and webhook attempt) or json (default pretty;
                      env PARLEY_LOG_FORMAT)
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
        'log-format': { type: 'string' },
        reset: { type: 'boolean' },
        'webhook-url': { type: 'string' },
        'webhook-verify-token': { type: 'string' },
        'webhook-fields': { type: 'string' },
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
  const logFormat = (pick('log-format', 'PARLEY_LOG_FORMAT') ?? 'pretty').toLowerCase() as LogFormat;
  if (logFormat !== 'pretty' && logFormat !== 'json')
    throw new UsageError(`--log-format takes pretty or json, not ${logFormat}`);
  const webhookUrl = pick('webhook-url', 'PARLEY_WEBHOOK_URL');
  if (webhookUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(webhookUrl))
    throw new UsageError(`--webhook-url must be an http:// or https:// URL, not ${webhookUrl}`);
  const webhookVerifyToken = pick('webhook-verify-token', 'PARLEY_WEBHOOK_VERIFY_TOKEN');
  const fieldList = pick('webhook-fields', 'PARLEY_WEBHOOK_FIELDS');
  const webhookFields = fieldList
    ?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (webhookFields?.length === 0) throw new UsageError('--webhook-fields names no field');
  const reset = values.reset === true || ['1', 'true', 'on'].includes(env.PARLEY_RESET?.toLowerCase() ?? '');
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
    logFormat,
    ...(reset && { reset }),
    ...(webhookUrl !== undefined && { webhookUrl }),
    ...(webhookVerifyToken !== undefined && { webhookVerifyToken }),
    ...(webhookFields !== undefined && { webhookFields }),
  };
}
