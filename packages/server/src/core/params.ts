/**
 * Reading Send API parameters (spec §1.4): object values arrive as JSON in a JSON body, as JSON strings in a
 * form or query (Meta's own samples even use single quotes: `recipient={'id':'PSID'}`), or in bracket form
 * (`recipient[id]=…`, `message[attachment][type]=…`).
 */
import { GraphError } from '@parley/protocol';

export type Params = Readonly<Record<string, unknown>>;
export type Json = Record<string, unknown>;

/** Folds bracket-form keys (`message[attachment][type]`) into nested objects. */
export function expandBrackets(params: Params): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(params)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
    if (!match) {
      if (!(key in out)) out[key] = value;
      continue;
    }
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node = out;
    for (const [i, part] of path.entries()) {
      if (i === path.length - 1) node[part] = value;
      else {
        if (node[part] === null || typeof node[part] !== 'object') node[part] = {};
        node = node[part] as Json;
      }
    }
  }
  return out;
}

/** Meta's samples quote with `'`; turn single-quoted strings into JSON ones before parsing. */
function singleToDoubleQuotes(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') {
        out += ch + (text[++i] ?? '');
        continue;
      }
      if (ch === quote) {
        quote = null;
        out += '"';
      } else out += ch === '"' ? '\\"' : ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += '"';
    } else out += ch;
  }
  return out;
}

/** Deeper than any Graph parameter goes (templates nest about six levels). */
const MAX_DEPTH = 32;

/**
 * Refuses what no Graph parameter holds and the store could not take: NUL characters (PostgreSQL's text
 * cannot hold them; refused alike on both stores), and nesting deeper than MAX_DEPTH. Checked in parameters
 * as they arrive, and in the JSON text of form parameters once it is read.
 */
export function refuseUnreadable(value: unknown, name: string, depth = 0): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      throw new GraphError('invalidParameter', { detail: `Param ${name} must not contain NUL characters` });
    }
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Blob) return;
  if (depth === MAX_DEPTH) {
    throw new GraphError('invalidParameter', { detail: `Param ${name} is nested too deeply` });
  }
  for (const [key, inner] of Object.entries(value)) {
    refuseUnreadable(inner, name ? `${name}[${key}]` : key, depth + 1);
  }
}

function parseObjectText(text: string, name: string): unknown {
  const value = parseJsonText(text);
  refuseUnreadable(value, name);
  return value;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(singleToDoubleQuotes(text));
    } catch {
      return undefined;
    }
  }
}

/** An object-valued parameter, or undefined when absent. */
export function objectParam(params: Params, name: string): Json | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' ? parseObjectText(raw, name) : raw;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GraphError('invalidParameter', { detail: `Param ${name} must be a JSON object` });
  }
  return value as Json;
}

/** A list-valued parameter (the batch's requests, several attachments), or undefined when absent. */
export function listParam(params: Params, name: string): unknown[] | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'string' ? parseObjectText(raw, name) : raw;
  if (!Array.isArray(value))
    throw new GraphError('invalidParameter', { detail: `Param ${name} must be an array` });
  return value;
}

export function stringParam(params: Params, name: string, label = name): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string')
    throw new GraphError('invalidParameter', { detail: `Param ${label} must be a string` });
  return raw;
}

export function requireString(params: Params, name: string, label = name): string {
  const value = stringParam(params, name);
  if (value === undefined) throw new GraphError('parameterRequired', { name: label });
  return value;
}

export function enumParam<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  label = name,
): T | undefined {
  const value = stringParam(params, name);
  return value === undefined ? undefined : oneOf(value, allowed, label);
}

/** `value` as one of Graph's enumerations, compared without case: `Param {label} must be one of {A, B} - got "x"`. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], label: string): T {
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return found;
  throw new GraphError('invalidParameter', {
    detail: `Param ${label} must be one of {${allowed.map((a) => a.toUpperCase()).join(', ')}} - got "${value}"`,
  });
}

/** A true/false parameter (`true`, `false`, `1`, `0`, or a JSON boolean); undefined when absent. */
export function booleanArg(args: Params, name: string): boolean | undefined {
  const raw = args[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (raw === true || raw === 'true' || raw === '1' || raw === 1) return true;
  if (raw === false || raw === 'false' || raw === '0' || raw === 0) return false;
  throw new GraphError('invalidParameter', { detail: `Param ${name} must be a boolean` });
}

/**
 * A list parameter as sent: one value (an array, a JSON array as a string, or a comma list), or PHP-style
 * indexed form keys (`fields[0]=a&fields[1]=b`), which Graph reads as an array. Undefined when absent.
 */
export function rawListParam(params: Params, name: string): unknown {
  if (params[name] !== undefined) return params[name];
  const indexed: [number, unknown][] = [];
  for (const [key, value] of Object.entries(params)) {
    const index = key.startsWith(`${name}[`) ? /^\[(\d+)\]$/.exec(key.slice(name.length))?.[1] : undefined;
    if (index !== undefined) indexed.push([Number(index), value]);
  }
  return indexed.length > 0 ? indexed.sort((a, b) => a[0] - b[0]).map(([, value]) => value) : undefined;
}

/** The names a list parameter's value holds (see rawListParam), trimmed, empty ones dropped. */
export function namesOf(raw: unknown, name: string): string[] {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    list = text.startsWith('[') ? parseJsonText(text) : text.split(',');
  }
  if (!Array.isArray(list))
    throw new GraphError('invalidParameter', { detail: `Param ${name} must be an array` });
  return list
    .map((item) => (typeof item === 'string' ? item.trim() : String(item)))
    .filter((item) => item !== '');
}
