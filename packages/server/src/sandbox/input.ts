/**
 * Reading the sandbox's JSON bodies and queries through @parley/sandbox's schema: every problem is a 400 in
 * the shared error envelope, naming the exact path (`conversations[0].messages[3].text: must be a string`).
 */
import { GraphError } from '@parley/protocol';
import { check, type Output, type Schema } from '@parley/sandbox';
import type { Context } from 'hono';
import { parseJsonObject } from '../http/json-body.ts';
import { foldersOf } from '../messaging/conversation-rules.ts';
import type { Folder, Platform } from '../store/schema.ts';

function invalid(detail: string): GraphError {
  return new GraphError('sandboxInvalidRequest', { detail });
}

/** The value checked against the schema, or a 400 naming what is wrong and where. */
export function checked<S extends Schema>(schema: S, value: unknown): Output<S> {
  const result = check(schema, value);
  if (!result.ok) throw invalid(result.problem);
  return result.value;
}

/** The request's JSON object body (an empty body is `{}`), checked. */
export async function readBody<S extends Schema>(c: Context, schema: S): Promise<Output<S>> {
  return checked(schema, parseJsonObject(await c.req.text(), invalid));
}

/** The request's query parameters, checked. */
export function readQuery<S extends Schema>(c: Context, schema: S): Output<S> {
  return checked(schema, c.req.query());
}

/** A folder the platform has (sandbox moves and seeds place conversations in them). */
export function requireFolderOf(platform: Platform, folder: Folder, path = 'folder'): void {
  const allowed = foldersOf(platform);
  if (!allowed.includes(folder))
    throw invalid(`${path} must be one of ${allowed.join(', ')} for ${platform}`);
}
