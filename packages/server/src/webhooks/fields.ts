/**
 * Reading webhook field lists (spec §10.3) against Meta's vocabulary (@parley/protocol's webhook-events.ts),
 * and matching fields whichever spelling was used.
 */
import { GraphError, WEBHOOK_FIELD_ALIASES, WEBHOOK_FIELDS } from '@parley/protocol';
import type { WebhookObject } from '../store/schema.ts';
import { namesOf } from '../core/params.ts';

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
 * Reads a field list as Graph takes it (core/params.ts's rawListParam and namesOf). Unknown names answer
 * `(#100) Param {param} must be one of {…} - got "x"`.
 */
export function readFieldList(raw: unknown, object: WebhookObject, param: string): string[] {
  const names = namesOf(raw, param);
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

/** Whether a field list (as stored) includes a field, under any of its spellings. */
export function includesField(fields: readonly string[], field: string): boolean {
  return fields.some((name) => canonicalField(name) === field);
}
