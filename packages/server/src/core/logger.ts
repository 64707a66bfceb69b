/** Structured logs (pino, JSON on stderr); stdout is kept for the lines a person reads. */
import pino from 'pino';

export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'parley' } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
