/**
 * The sandbox's field types, built on zod, with the messages the sandbox has always answered: `is required`,
 * `must be a string`, `must be at most 200 characters`, `must be one of a, b`. Every field but a list's items
 * takes `null` as absent, and a string field takes a whole JSON number as its digits (ids are often written
 * as numbers). Objects are strict: a key the sandbox does not know is refused, not ignored.
 */
import { z } from 'zod';

/** A field's reader: its value, or a `Problem` saying what is wrong with it. */
class Problem {
  constructor(readonly message: string) {}
}

type Read<Out> = (value: unknown) => Out | Problem;

/** A zod type from a reader, typed by what it takes (`In`) and what it gives (`Out`). */
function field<Out, In>(read: Read<Out>): z.ZodType<Out, In> {
  return z.unknown().transform((value, ctx) => {
    const result = read(value);
    if (!(result instanceof Problem)) return result;
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  }) as unknown as z.ZodType<Out, In>;
}

/** The optional form of a reader: absent and `null` both read as `undefined`. */
function optionalField<Out, In>(read: Read<Out>) {
  return field<Out | undefined, In | null>((value) => (value == null ? undefined : read(value))).optional();
}

function readText(max: number): Read<string> {
  return (value) => {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value !== 'string') return new Problem('must be a string');
    if (value.includes('\u0000')) return new Problem('must not contain NUL characters');
    if (value.length > max) return new Problem(`must be at most ${max} characters`);
    return value;
  };
}

function required<T>(read: Read<T>): Read<T> {
  return (value) => {
    if (value == null || value === '') return new Problem('is required');
    return read(value);
  };
}

/** A non-empty string of at most `max` characters. */
export const text = (max = 10_000) => field<string, string | number>(required(readText(max)));
export const optionalText = (max = 10_000) => optionalField<string, string | number>(readText(max));

/** Ids are digits, as Meta's are; one given explicitly must be usable in a URL. */
function readId(value: unknown): string | Problem {
  const id = readText(32)(value);
  if (id instanceof Problem || /^\d+$/.test(id)) return id;
  return new Problem('must be digits');
}
export const optionalId = () => optionalField<string, string | number>(readId);

/** Any id Meta writes: digits, or a message's letters, digits, `_` and `-` (up to 500 characters). */
function readGraphId(value: unknown): string | Problem {
  const id = readText(500)(value);
  if (id instanceof Problem || /^[A-Za-z0-9_-]+$/.test(id)) return id;
  return new Problem('must be an id: letters, digits, _ and -');
}
export const optionalGraphId = () => optionalField<string, string | number>(readGraphId);

/** "a number", "a number of at least 1", "a number between 0 and 500" (only the bounds that bind). */
function rangeOf(min: number, max: number): string {
  if (min === -Infinity && max === Infinity) return 'a number';
  if (max === Infinity) return `a number of at least ${min}`;
  if (min === -Infinity) return `a number of at most ${max}`;
  return `a number between ${min} and ${max}`;
}

function readNumber(min: number, max: number, whole: boolean): Read<number> {
  return (value) => {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
      return new Problem(`must be ${rangeOf(min, max)}`);
    }
    if (whole && !Number.isInteger(n)) return new Problem('must be a whole number');
    return n;
  };
}

/** A number (numeric strings too, as query parameters come) in `[min, max]`, required. */
export const number = ({ min = -Infinity, max = Infinity } = {}) =>
  field<number, number | string>(required(readNumber(min, max, false)));

/** A number (numeric strings too, as query parameters come) in `[min, max]`. */
export const optionalNumber = ({ min = -Infinity, max = Infinity } = {}) =>
  optionalField<number, number | string>(readNumber(min, max, false));

/** The largest count a stored integer column holds on both stores (PostgreSQL's `integer`). */
export const MAX_COUNT = 2_147_483_647;

/** A whole number in range (counts, row numbers): fractions and numbers past the range are refused. */
export const optionalInteger = ({ min = 0, max = Number.MAX_SAFE_INTEGER } = {}) =>
  optionalField<number, number | string>(readNumber(min, max, true));

function readFlag(value: unknown): boolean | Problem {
  return typeof value === 'boolean' ? value : new Problem('must be true or false');
}
export const optionalFlag = () => optionalField<boolean, boolean>(readFlag);

function readOneOf<const T extends string>(allowed: readonly T[]): Read<T> {
  return (value) => {
    const given = readText(10_000)(value);
    if (given instanceof Problem) return given;
    return allowed.includes(given as T) ? (given as T) : new Problem(`must be one of ${allowed.join(', ')}`);
  };
}

/** One of a list of names. */
export const oneOf = <const T extends string>(allowed: readonly T[]) =>
  field<T, T>(required(readOneOf(allowed)));
export const optionalOneOf = <const T extends string>(allowed: readonly T[]) =>
  optionalField<T, T>(readOneOf(allowed));

function readStringList(value: unknown): string[] | Problem {
  if (!Array.isArray(value)) return new Problem('must be a list of strings');
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string') return new Problem(`must be a list of strings (item ${i} is not)`);
    if (item.includes('\u0000')) return new Problem(`item ${i} must not contain NUL characters`);
  }
  return value as string[];
}
export const optionalStringList = () => optionalField<string[], string[]>(readStringList);

/** An object of these fields, and no others. */
export const object = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? 'must be an object' : undefined),
  });

/** A list of items (objects, mostly): each problem is named by its index. */
export const list = <Item extends z.ZodType>(item: Item) => z.array(item, { error: 'must be a list' });

/** An optional list or object; `null` counts as absent. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === null ? undefined : value),
    schema.optional(),
  ) as unknown as z.ZodOptional<T>;

function readNullableNumber(min: number): Read<number | null> {
  return (value) => (value === null ? null : readNumber(min, Infinity, false)(value));
}

/** A number from `min`, or `null` (which means "off", where absent means "as it is"). */
export const optionalNullableNumber = ({ min = -Infinity } = {}) =>
  field<number | null | undefined, number | string | null>((value) =>
    value === undefined ? undefined : readNullableNumber(min)(value),
  ).optional();

function readTime(value: unknown): number | Problem {
  const at = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(at) ? at : new Problem('must be an ISO time or epoch milliseconds');
}

/** An instant, as an ISO 8601 time or epoch milliseconds; read as epoch milliseconds. */
export const optionalTime = () =>
  field<number | undefined, string | number | null>((value) =>
    value === undefined ? undefined : readTime(value),
  ).optional();

/** A percentage, as a JSON number. */
export const optionalPercent = () =>
  optionalField<number, number>((value) =>
    typeof value === 'number' && value >= 0 && value <= 100
      ? value
      : new Problem('must be a number from 0 to 100'),
  );
