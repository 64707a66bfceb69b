/** Structured logs (pino, JSON on stderr); stdout is kept for the lines a person reads. */
import pino from 'pino';
import type { Logger } from './http/respond.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({ level, base: { service: 'parley' } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
