/**
 * Checking a value against a schema, and saying what is wrong with it by its exact path:
 * `conversations[0].messages[3].text: must be a string`, `users[2]: unknown key "follow"`.
 */
import type { z } from 'zod';

/** `users[2].follows`: keys joined by dots, list indexes in brackets. */
export function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** What is wrong, without where: zod's own wording for unknown keys is replaced by the sandbox's. */
export function messageOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' && issue.message.startsWith('Unrecognized key')
    ? issue.keys.map((key) => `unknown key "${key}"`).join(', ')
    : issue.message;
}

/** One problem as the sandbox says it: the path, a colon, what is wrong there. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const message = messageOf(issue);
  const path = pathOf(issue.path);
  return path === '' ? message : `${path}: ${message}`;
}

/** Any of the schema's types, and what one reads a value as: the server reads bodies with these. */
export type Schema = z.ZodType;
export type Output<S extends Schema> = z.output<S>;

export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Checks `value` whole; the first problem found (in document order) is the one reported. */
export function check<S extends z.ZodType>(schema: S, value: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: describeIssue(result.error.issues[0]!) };
}
