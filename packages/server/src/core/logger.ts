/**
 * Parley's logs, on stderr (stdout is kept for the banner). Readable lines by default, one per Graph request
 * and per webhook attempt; structured JSON (pino) with `--log-format json`.
 */
import pino from 'pino';

export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'pretty' | 'json';

/** The messages of the lines written in a form of their own. */
export const GRAPH_REQUEST = 'graph request';
export const WEBHOOK_ATTEMPT = 'webhook attempt';

const RANKS: Readonly<Record<LogLevel, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

export function createLogger(level: LogLevel = 'info', format: LogFormat = 'pretty'): Logger {
  if (format === 'json') return pino({ level, base: { service: 'parley' } }, pino.destination(2));
  return new ReadableLogger(RANKS[level], (line) => process.stderr.write(line));
}

export const silentLogger: Logger = pino({ level: 'silent' });

type Fields = Record<string, unknown>;

/** One line per entry: the time, then what happened in the words a person reads. */
export class ReadableLogger implements Logger {
  constructor(
    private readonly rank: number,
    private readonly write: (line: string) => void,
  ) {}

  error(obj: object, msg?: string) {
    this.log(RANKS.error, 'ERROR', obj, msg);
  }
  warn(obj: object, msg?: string) {
    this.log(RANKS.warn, 'WARN', obj, msg);
  }
  info(obj: object, msg?: string) {
    this.log(RANKS.info, '', obj, msg);
  }
  debug(obj: object, msg?: string) {
    this.log(RANKS.debug, 'DEBUG', obj, msg);
  }

  private log(rank: number, label: string, obj: object, msg = '') {
    if (rank < this.rank) return;
    const time = new Date().toISOString().slice(11, 23);
    const stack = rank >= RANKS.error ? Object.values(obj).find((v) => v instanceof Error)?.stack : undefined;
    this.write(
      `${time} ${label ? `${label} ` : ''}${describe(obj as Fields, msg)}\n${stack ? `${stack}\n` : ''}`,
    );
  }
}

function describe(fields: Fields, msg: string): string {
  if (msg === GRAPH_REQUEST) {
    const { method, path, token, status, ms } = fields;
    return `${String(method).padEnd(6)} ${String(path)}  ${token ?? 'no token'}  ${status}  ${ms} ms`;
  }
  if (msg === WEBHOOK_ATTEMPT) {
    const { object, events, url, status, error, ms } = fields;
    const outcome = status ?? error;
    return `webhook ${object} ×${events} → ${url}  ${outcome}  ${ms} ms`;
  }
  const rest = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value instanceof Error ? value.message : JSON.stringify(value)}`);
  return [msg, ...rest].filter(Boolean).join('  ');
}
