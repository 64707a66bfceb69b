/**
 * Reading webhook field lists (spec §10.3) against Meta's vocabulary (@parley/protocol's webhook-events.ts),
 * and matching fields whichever spelling was used.
 */
import { GraphError, WEBHOOK_FIELD_ALIASES, WEBHOOK_FIELDS } from '@parley/protocol';
import type { WebhookObject } from '../store/schema.ts';

/** The name a field is matched by, whichever spelling was used. */
export function canonicalField(name: string): string {
  return WEBHOOK_FIELD_ALIASES[name] ?? name;
}

/** Fields joined to a list, one entry per field: a later spelling of a field replaces an earlier one. */
export function withFields(list: readonly string[], added: readonly string[]): string[] {
  const byField = new Map<string, string>();
  for (const name of [...list, ...added]) byField.set(canonicalField(name), name);
  return [...byField.values()];
}

/** The list without these fields, whichever spelling either side uses. */
export function withoutFields(list: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(removed.map(canonicalField));
  return list.filter((name) => !gone.has(canonicalField(name)));
}

function accepted(object: WebhookObject): Set<string> {
  const names = new Set<string>(WEBHOOK_FIELDS[object]);
  for (const [alias, canonical] of Object.entries(WEBHOOK_FIELD_ALIASES)) {
    if (names.has(canonical) || names.has(alias)) {
      names.add(alias);
      names.add(canonical);
    }
  }
  return names;
}

const ACCEPTED: Readonly<Record<WebhookObject, Set<string>>> = {
  instagram: accepted('instagram'),
  page: accepted('page'),
};

/**
 * Reads a field list as Graph takes it: comma-separated, or a JSON array (also as a string). Unknown names
 * answer `(#100) Param {param} must be one of {…} - got "x"`.
 */
/**
 * A field list parameter as sent: one value (a JSON array or a comma list), or PHP-style indexed form keys
 * (`subscribed_fields[0]=messages&subscribed_fields[1]=…`), which Graph reads as an array.
 */
export function fieldListParam(params: Readonly<Record<string, unknown>>, name: string): unknown {
  if (params[name] !== undefined) return params[name];
  const indexed: [number, unknown][] = [];
  for (const [key, value] of Object.entries(params)) {
    const index = key.startsWith(`${name}[`) ? /^\[(\d+)\]$/.exec(key.slice(name.length))?.[1] : undefined;
    if (index !== undefined) indexed.push([Number(index), value]);
  }
  return indexed.length > 0 ? indexed.sort((a, b) => a[0] - b[0]).map(([, value]) => value) : undefined;
}

export function readFieldList(raw: unknown, object: WebhookObject, param: string): string[] {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    list = text.startsWith('[') ? parseJsonArray(text, param) : text.split(',');
  }
  if (!Array.isArray(list))
    throw new GraphError('invalidParameter', { detail: `Param ${param} must be an array` });
  const names = list
    .map((name) => (typeof name === 'string' ? name.trim() : String(name)))
    .filter((name) => name !== '');
  for (const name of names) {
    if (!ACCEPTED[object].has(name)) {
      throw new GraphError('invalidParameter', {
        detail: `Param ${param} must be one of {${[...ACCEPTED[object]].sort().join(', ')}} - got "${name}"`,
      });
    }
  }
  if (names.length === 0) throw new GraphError('parameterRequired', { name: param });
  return [...new Set(names)];
}

function parseJsonArray(text: string, param: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphError('invalidParameter', { detail: `Param ${param} must be an array` });
  }
}

/** Whether a field list (as stored) includes a field, under any of its spellings. */
export function includesField(fields: readonly string[], field: string): boolean {
  return fields.some((name) => canonicalField(name) === field);
}
