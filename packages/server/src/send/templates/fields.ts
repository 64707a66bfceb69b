/**
 * Reading a template payload as Graph reads its parameters. Graph checks the payload as a parameter of its
 * own, named `name_placeholder` in its errors (`(#100) The parameter name_placeholder[text] is required`,
 * `(#194) param name_placeholder[elements] has too few elements.`), so the names here say that too.
 */
import { GraphError } from '@parley/protocol';
import { oneOf, type Json } from '../../core/params.ts';

export const ROOT = 'name_placeholder';

const absent = (value: unknown) => value === undefined || value === null;

const invalid = (detail: string) => new GraphError('invalidParameter', { detail });

export function object(value: unknown, name: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`Param ${name} must be a JSON object`);
  }
  return value as Json;
}

export function requiredObject(parent: Json, key: string, name: string): Json {
  const value = parent[key];
  if (absent(value)) throw new GraphError('parameterRequired', { name });
  return object(value, name);
}

export function optionalObject(parent: Json, key: string, name: string): Json | undefined {
  return absent(parent[key]) ? undefined : object(parent[key], name);
}

interface TextOptions {
  readonly max?: number;
}

function asText(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalid(`Param ${name} must be a string`);
}

function limited(text: string, name: string, max: number | undefined): string {
  if (max !== undefined && [...text].length > max) throw new GraphError('textTooLong', { name, max });
  return text;
}

/** A string Graph requires: absent answers "is required", empty "must be a non-empty UTF-8 encoded string". */
export function requiredText(parent: Json, key: string, name: string, options: TextOptions = {}): string {
  const value = parent[key];
  if (absent(value)) throw new GraphError('parameterRequired', { name });
  const text = asText(value, name);
  if (text.trim() === '') throw invalid(`Param ${name} must be a non-empty UTF-8 encoded string`);
  return limited(text, name, options.max);
}

/** An optional string: absent or empty is left out (Meta's own samples send `"street_2": ""`). */
export function optionalText(
  parent: Json,
  key: string,
  name: string,
  options: TextOptions = {},
): string | undefined {
  const value = parent[key];
  if (absent(value)) return undefined;
  const text = asText(value, name);
  return text.trim() === '' ? undefined : limited(text, name, options.max);
}

function isUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A URL Graph checks: `(#100) {name} should represent a valid URL`. */
export function checkUrl(text: string, name: string): string {
  if (!isUrl(text)) throw invalid(`${name} should represent a valid URL`);
  return text;
}

export function optionalUrl(parent: Json, key: string, name: string): string | undefined {
  const text = optionalText(parent, key, name);
  return text === undefined ? undefined : checkUrl(text, name);
}

export function requiredUrl(parent: Json, key: string, name: string): string {
  return checkUrl(requiredText(parent, key, name), name);
}

interface ListOptions {
  readonly min?: number;
  readonly max: number;
}

/** An array with Graph's counts: too few or too many answer code 194. Absent answers undefined. */
export function optionalList(
  parent: Json,
  key: string,
  name: string,
  options: ListOptions,
): unknown[] | undefined {
  const value = parent[key];
  return absent(value) ? undefined : listOf(value, name, options);
}

/** A list of at least `min` (default 0) and at most `max` elements: too few or too many answer code 194. */
export function listOf(
  value: unknown,
  name: string,
  { min = 0, max = Infinity }: Partial<ListOptions>,
): unknown[] {
  if (!Array.isArray(value)) throw invalid(`Param ${name} must be an array`);
  if (value.length < min) throw new GraphError('tooFewElements', { name });
  if (value.length > max) throw new GraphError('tooManyElements', { name });
  return value;
}

export function requiredList(parent: Json, key: string, name: string, options: ListOptions): unknown[] {
  const list = optionalList(parent, key, name, options);
  if (list === undefined) throw new GraphError('parameterRequired', { name });
  return list;
}

/** One of Graph's enumerations, compared without case: `Param {name} must be one of {A, B} - got "x"`. */
export function optionalEnum<const T extends string>(
  parent: Json,
  key: string,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = parent[key];
  if (absent(value) || value === '') return undefined;
  return oneOf(asText(value, name), allowed, name);
}

export function requiredEnum<const T extends string>(
  parent: Json,
  key: string,
  name: string,
  allowed: readonly T[],
): T {
  const found = optionalEnum(parent, key, name, allowed);
  if (found === undefined) throw new GraphError('parameterRequired', { name });
  return found;
}

export function optionalBoolean(parent: Json, key: string, name: string): boolean | undefined {
  const value = parent[key];
  if (absent(value)) return undefined;
  if (value === true || value === 'true' || value === 1 || value === '1') return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  throw invalid(`Param ${name} must be a boolean`);
}

/** A number; form and bracket encodings carry it as text. */
export function optionalNumber(parent: Json, key: string, name: string): number | undefined {
  const value = parent[key];
  if (absent(value) || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw invalid(`Param ${name} must be a number`);
  return number;
}

export function requiredNumber(parent: Json, key: string, name: string): number {
  const number = optionalNumber(parent, key, name);
  if (number === undefined) throw new GraphError('parameterRequired', { name });
  return number;
}

/** Leaves out the keys whose value is undefined, so a stored template holds only what was given. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
