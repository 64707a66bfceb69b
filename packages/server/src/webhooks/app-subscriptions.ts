/**
 * `/{app-id}/subscriptions` with the app token (spec §10.1, §10.3): where an app's webhooks go, per object.
 * Saving a callback URL verifies it first, as Meta does; a failed verification saves nothing.
 */
import { GraphError, WEBHOOK_OBJECTS } from '@parley/protocol';
import type { EdgeAction } from '../graph/node-type.ts';
import type { GraphContext } from '../core/context.ts';
import type { AppRow, WebhookObject } from '../store/schema.ts';
import { rawListParam, requireString, stringParam, type Params } from '../core/params.ts';
import { readFieldList, withFields, withoutFields } from './fields.ts';

function requireAppToken(app: AppRow, ctx: GraphContext): void {
  if (ctx.auth.kind !== 'app' || ctx.auth.app.id !== app.id) throw new GraphError('appTokenRequired');
}

function readObject(params: Params, required: boolean): WebhookObject | undefined {
  const object = required ? requireString(params, 'object') : stringParam(params, 'object');
  if (object === undefined) return undefined;
  const found = WEBHOOK_OBJECTS.find((o) => o === object.toLowerCase());
  if (!found) {
    throw new GraphError('invalidParameter', {
      detail: `Param object must be one of {${WEBHOOK_OBJECTS.join(', ')}} - got "${object}"`,
    });
  }
  return found;
}

function readCallbackUrl(params: Params): string | undefined {
  const value = stringParam(params, 'callback_url');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new GraphError('invalidParameter', { detail: 'Param callback_url must be a valid URL' });
  }
  return value;
}

async function list(app: AppRow, ctx: GraphContext) {
  requireAppToken(app, ctx);
  const subscriptions = await ctx.store.subscriptions.list(app.id);
  return {
    data: subscriptions.map((s) => ({
      object: s.object,
      callback_url: s.callback_url,
      active: true,
      fields: (JSON.parse(s.fields) as string[]).map((name) => ({ name, version: ctx.version })),
    })),
  };
}

/** Subscribes the app to an object's fields (added to those it has), verifying a new callback URL first. */
async function subscribe(app: AppRow, ctx: GraphContext, params: Params) {
  requireAppToken(app, ctx);
  const object = readObject(params, true)!;
  const existing = await ctx.store.subscriptions.get(app.id, object);
  const callbackUrl = readCallbackUrl(params);
  if (callbackUrl === undefined && !existing)
    throw new GraphError('parameterRequired', { name: 'callback_url' });
  const verifyToken =
    callbackUrl === undefined ? existing!.verify_token : requireString(params, 'verify_token');
  const raw = rawListParam(params, 'fields');
  if (raw === undefined || raw === '') throw new GraphError('parameterRequired', { name: 'fields' });
  const fields = readFieldList(raw, object, 'fields');
  if (callbackUrl !== undefined) await ctx.webhooks.verifyCallback(callbackUrl, verifyToken);
  const kept = existing ? (JSON.parse(existing.fields) as string[]) : [];
  await ctx.store.subscriptions.put({
    app_id: app.id,
    object,
    callback_url: callbackUrl ?? existing!.callback_url,
    verify_token: verifyToken,
    fields: JSON.stringify(withFields(kept, fields)),
    faults: existing?.faults ?? null,
    created_at: existing?.created_at ?? ctx.now,
    updated_at: ctx.now,
  });
  return { success: true };
}

/**
 * Removes some fields of an object, the whole object, or (with neither object nor fields) every subscription of
 * the app.
 */
async function unsubscribe(app: AppRow, ctx: GraphContext, params: Params) {
  requireAppToken(app, ctx);
  const object = readObject(params, false);
  const raw = rawListParam(params, 'fields');
  const hasFields = raw !== undefined && raw !== '';
  // Fields name an object's fields: without the object, the request would otherwise remove everything.
  if (hasFields && !object) throw new GraphError('parameterRequired', { name: 'object' });
  const existing = object && hasFields ? await ctx.store.subscriptions.get(app.id, object) : undefined;
  if (!existing) {
    await ctx.store.subscriptions.delete(app.id, object);
    return { success: true };
  }
  const removed = readFieldList(raw, existing.object, 'fields');
  const left = withoutFields(JSON.parse(existing.fields) as string[], removed);
  if (left.length === 0) await ctx.store.subscriptions.delete(app.id, existing.object);
  else
    await ctx.store.subscriptions.put({
      ...existing,
      fields: JSON.stringify(left),
      updated_at: ctx.now,
    });
  return { success: true };
}

export const subscriptionsEdge: EdgeAction<AppRow, GraphContext> = {
  get: list,
  post: subscribe,
  delete: unsubscribe,
};
