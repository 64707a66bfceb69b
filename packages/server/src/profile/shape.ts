/**
 * Reading a profile property's JSON as Graph's parameter checks do, each refusal naming the exact parameter
 * (`persistent_menu[0][call_to_actions][2][title]`): objects with only the keys they take, texts within their
 * lengths, locales, and URLs. Lists are read as templates read theirs (send/templates/fields.ts `listOf`).
 */
import { GraphError } from '@parley/protocol';
import { oneOf, type Json } from '../core/params.ts';
import { object } from '../send/templates/fields.ts';

const invalid = (detail: string) => new GraphError('invalidParameter', { detail });

/** An element that must be a JSON object, with none but the `allowed` keys (when they are given). */
export function objectOf(value: unknown, param: string, allowed?: readonly string[]): Json {
  const obj = object(value, param);
  const extra = allowed ? Object.keys(obj).filter((key) => !allowed.includes(key)) : [];
  if (extra.length > 0) throw new GraphError('invalidKeys', { keys: extra.join(', '), param });
  return obj;
}

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** An optional text of at most `max` characters (counted as Meta counts them, by code point). */
export function optionalText(obj: Json, key: string, param: string, max = Infinity): string | undefined {
  const value = obj[key];
  if (!present(value)) return undefined;
  if (typeof value !== 'string') throw invalid(`Param ${param}[${key}] must be a string`);
  if ([...value].length > max) throw new GraphError('textTooLong', { name: `${param}[${key}]`, max });
  return value;
}

export function requiredText(obj: Json, key: string, param: string, max = Infinity): string {
  const value = optionalText(obj, key, param, max);
  if (value === undefined || value.trim() === '')
    throw new GraphError('parameterRequired', { name: `${param}[${key}]` });
  return value;
}

/** A boolean, also as Graph's form values `true`/`false`. */
export function optionalFlag(obj: Json, key: string, param: string): boolean | undefined {
  const value = obj[key];
  if (!present(value)) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(`Param ${param}[${key}] must be a boolean`);
}

/** One of a few lowercase values, matched whatever their case. */
export function optionalChoice<T extends string>(
  obj: Json,
  key: string,
  param: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalText(obj, key, param);
  return value === undefined ? undefined : oneOf(value, allowed, `${param}[${key}]`);
}

/** `default`, or a locale as Meta writes them (`en_US`, `zh_CN`). */
export function localeOf(obj: Json, param: string, required: boolean): string | undefined {
  const locale = required ? requiredText(obj, 'locale', param) : optionalText(obj, 'locale', param);
  if (locale === undefined || locale === 'default' || /^[a-z]{2,3}_[A-Z]{2}$/.test(locale)) return locale;
  throw invalid(`Param ${param}[locale] must be a supported locale - got "${locale}"`);
}

/** Per-locale lists need one for `default` (an element without a locale is the default where allowed). */
export function requireDefaultLocale(sets: readonly { locale?: string }[], param: string): void {
  if (!sets.some((set) => set.locale === undefined || set.locale === 'default'))
    throw new GraphError('defaultLocaleRequired', { param });
}

/** An absolute http(s) URL; `https` only where Meta requires it, and a named host (no IP, no localhost). */
export function urlOf(value: unknown, param: string, { https = false, namedHost = false } = {}): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const schemeOk = url && (url.protocol === 'https:' || (!https && url.protocol === 'http:'));
  const host = url?.hostname ?? '';
  const named = !namedHost || (host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('['));
  if (!url || !schemeOk || !host || !named) throw new GraphError('invalidProfileUrl', { param });
  return value as string;
}
