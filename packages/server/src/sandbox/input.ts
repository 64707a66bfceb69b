/** Reading and checking the sandbox's JSON bodies; every problem is a 400 in the shared error envelope. */
import { GraphError } from '@parley/protocol';
import type { Context } from 'hono';
import { parseJsonObject } from '../http/json-body.ts';
import { foldersOf } from '../messaging/conversation-rules.ts';
import type { Folder, Platform } from '../store/schema.ts';

export type Body = Record<string, unknown>;

function invalid(detail: string): GraphError {
  return new GraphError('sandboxInvalidRequest', { detail });
}

export async function readBody(c: Context): Promise<Body> {
  return parseJsonObject(await c.req.text(), invalid);
}

export function optionalString(body: Body, name: string, maxLength = 10_000): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  // Ids are often written as JSON numbers; accept whole numbers for string fields.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') throw invalid(`${name} must be a string`);
  if (value.includes('\u0000')) throw invalid(`${name} must not contain NUL characters`);
  if (value.length > maxLength) throw invalid(`${name} must be at most ${maxLength} characters`);
  return value;
}

export function requiredString(body: Body, name: string, maxLength?: number): string {
  const value = optionalString(body, name, maxLength);
  if (value === undefined || value === '') throw invalid(`${name} is required`);
  return value;
}

export function optionalNumber(
  body: Body,
  name: string,
  { min = -Infinity, max = Infinity } = {},
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
    throw invalid(`${name} must be a number between ${min} and ${max}`);
  }
  return n;
}

/** The largest count a stored integer column holds on both stores (PostgreSQL's `integer`). */
export const MAX_COUNT = 2_147_483_647;

/** A whole number in range (counts, row numbers): fractions and numbers past the range are refused. */
export function optionalInteger(
  body: Body,
  name: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): number | undefined {
  const n = optionalNumber(body, name, { min, max });
  if (n !== undefined && !Number.isInteger(n)) throw invalid(`${name} must be a whole number`);
  return n;
}

export function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${name} must be true or false`);
  return value;
}

export function optionalEnum<T extends string>(
  body: Body,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(body, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw invalid(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function optionalStringList(body: Body, name: string): string[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && !v.includes('\u0000'))) {
    throw invalid(`${name} must be a list of strings`);
  }
  return value;
}

export function optionalObjectList(body: Body, name: string): Body[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    !value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
  ) {
    throw invalid(`${name} must be a list of objects`);
  }
  return value as Body[];
}

export function optionalObject(body: Body, name: string): Body | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${name} must be an object`);
  return value as Body;
}

/** A folder the platform has (sandbox moves and seeds place conversations in them). */
export function requireFolderOf(platform: Platform, folder: Folder): void {
  const allowed = foldersOf(platform);
  if (!allowed.includes(folder)) throw invalid(`folder must be one of ${allowed.join(', ')} for ${platform}`);
}
