/**
 * `/{page-id|ig-id|me}/welcome_message_flows`: the messages an app offers its click-to-message ads to open a
 * conversation with. A POST makes a flow (`{flow_id}`), or with `flow_id` changes one; a GET lists the app's
 * flows (or one); a DELETE removes one. Instagram Login makes Instagram-only flows. Each message is checked as
 * the Send API checks it, for every platform the flow is for.
 */
import { GraphError } from '@parley/protocol';
import { randomDigits } from '../graph/ids.ts';
import { formatGraphTime } from '../graph/graph-time.ts';
import { parseFields } from '../graph/fields-parser.ts';
import type { EdgeAction } from '../graph/node-type.ts';
import { requireMessagingPermission, unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import {
  listParam,
  namesOf,
  oneOf,
  rawListParam,
  stringParam,
  type Json,
  type Params,
} from '../core/params.ts';
import { readOutgoingMessage } from '../send/outgoing-message.ts';
import type { AccountRow, Platform, WelcomeMessageFlowRow } from '../store/schema.ts';
import { objectOf } from './shape.ts';
import { listOf } from '../send/templates/fields.ts';

const PLATFORMS = ['messenger', 'instagram'] as const satisfies readonly Platform[];
const CHANGEABLE = 'name,welcome_message_flow,eligible_platforms';

/** The account's own token only: a Page's, or an Instagram account's (Instagram Login). */
function ownerOf(account: AccountRow, ctx: GraphContext, method: string): AccountRow {
  const { kind } = ctx.auth;
  if ((kind !== 'page' && kind !== 'instagram') || ctx.auth.account?.id !== account.id)
    throw unsupported(method, account.id);
  requireMessagingPermission(ctx, account.type === 'instagram' ? 'instagram' : 'messenger');
  return account;
}

function readPlatforms(account: AccountRow, ctx: GraphContext, params: Params): Platform[] {
  const raw = rawListParam(params, 'eligible_platforms');
  const allowed: readonly Platform[] = account.type === 'instagram' ? ['instagram'] : PLATFORMS;
  const names = raw === undefined ? [] : namesOf(raw, 'eligible_platforms').map((name) => name.toLowerCase());
  if (names.length === 0) throw new GraphError('parameterRequired', { name: 'eligible_platforms' });
  names.forEach((name, i) => oneOf(name, allowed, `eligible_platforms[${i}]`));
  // A Page's flows for Instagram need its linked account, and the Instagram permissions.
  if (account.type === 'page' && names.includes('instagram')) {
    if (!ctx.auth.accounts.some((a) => a.id === account.instagram_account_id))
      throw new GraphError('pageNotLinkedToInstagram');
    requireMessagingPermission(ctx, 'instagram');
  }
  return [...new Set(names as Platform[])];
}

/** The flow's messages, `[{message: {...}}]`, each one a message the Send API would send on each platform. */
function readFlow(params: Params, platforms: readonly Platform[]): Json[] {
  return listOf(listParam(params, 'welcome_message_flow'), 'welcome_message_flow', { min: 1 }).map(
    (raw, i) => {
      const step = objectOf(raw, `welcome_message_flow[${i}]`, ['message']);
      const message = objectOf(step.message, `welcome_message_flow[${i}][message]`);
      for (const platform of platforms) readOutgoingMessage(message, platform);
      return { message };
    },
  );
}

/** A string parameter; Meta's samples send these JSON-quoted (`-F 'name="Driver sign up"'`). */
function textParam(params: Params, name: string): string | undefined {
  const value = stringParam(params, name);
  if (value === undefined || !/^".*"$/s.test(value)) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value;
  }
}

function requireFlow(flow: WelcomeMessageFlowRow | undefined, id: string): WelcomeMessageFlowRow {
  if (!flow)
    throw new GraphError('invalidParameter', { detail: `Param flow_id names no flow of this app: ${id}` });
  return flow;
}

const given = (params: Params, key: string) => rawListParam(params, key) !== undefined;

async function create(owner: AccountRow, ctx: GraphContext, params: Params, name: string | undefined) {
  if (name === undefined) throw new GraphError('parameterRequired', { name: 'name' });
  if (!given(params, 'welcome_message_flow'))
    throw new GraphError('parameterRequired', { name: 'welcome_message_flow' });
  const platforms = readPlatforms(owner, ctx, params);
  const id = randomDigits(15);
  await ctx.store.welcomeMessageFlows.insert({
    id,
    account_id: owner.id,
    app_id: ctx.auth.app.id,
    name,
    eligible_platforms: JSON.stringify(platforms),
    flow: JSON.stringify(readFlow(params, platforms)),
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return { flow_id: id };
}

async function update(
  owner: AccountRow,
  flow: WelcomeMessageFlowRow,
  ctx: GraphContext,
  params: Params,
  name: string | undefined,
) {
  if (name === undefined && !given(params, 'welcome_message_flow') && !given(params, 'eligible_platforms'))
    throw new GraphError('profilePropertyRequired', { params: CHANGEABLE });
  const platforms = given(params, 'eligible_platforms')
    ? readPlatforms(owner, ctx, params)
    : (JSON.parse(flow.eligible_platforms) as Platform[]);
  // The flow's messages, new or kept, must suit the platforms it is now for.
  const steps = readFlow(
    given(params, 'welcome_message_flow')
      ? params
      : { welcome_message_flow: JSON.parse(flow.flow) as unknown },
    platforms,
  );
  await ctx.store.welcomeMessageFlows.update(flow.id, {
    ...(name !== undefined && { name }),
    eligible_platforms: JSON.stringify(platforms),
    flow: JSON.stringify(steps),
    updated_at: ctx.now,
  });
  return { success: true };
}

/** A POST makes a flow, or with `flow_id` changes one of the app's. */
async function save(account: AccountRow, ctx: GraphContext, params: Params) {
  const owner = ownerOf(account, ctx, 'post');
  const flowId = textParam(params, 'flow_id');
  const name = textParam(params, 'name');
  if (flowId === undefined) return create(owner, ctx, params, name);
  const flow = requireFlow(
    await ctx.store.welcomeMessageFlows.get(owner.id, ctx.auth.app.id, flowId),
    flowId,
  );
  return update(owner, flow, ctx, params, name);
}

function flowView(flow: WelcomeMessageFlowRow, asked: readonly string[] | undefined) {
  const view: Record<string, unknown> = {
    id: flow.id,
    name: flow.name,
    welcome_message_flow: flow.flow,
    eligible_platforms: JSON.parse(flow.eligible_platforms) as string[],
    last_update_time: formatGraphTime(flow.updated_at),
    is_used_in_ad: false,
  };
  if (!asked) return view;
  return Object.fromEntries(Object.entries(view).filter(([key]) => key === 'id' || asked.includes(key)));
}

async function list(account: AccountRow, ctx: GraphContext, params: Params) {
  const owner = ownerOf(account, ctx, 'get');
  const asked = parseFields(typeof params.fields === 'string' ? params.fields : undefined)?.map(
    (f) => f.name,
  );
  const flowId = textParam(params, 'flow_id');
  const limit = Math.min(Math.max(Number(params.limit) || 25, 1), 100);
  const flows =
    flowId === undefined
      ? await ctx.store.welcomeMessageFlows.list(owner.id, ctx.auth.app.id, limit)
      : [await ctx.store.welcomeMessageFlows.get(owner.id, ctx.auth.app.id, flowId)].filter(
          (f) => f !== undefined,
        );
  return { data: flows.map((flow) => flowView(flow, asked)) };
}

async function remove(account: AccountRow, ctx: GraphContext, params: Params) {
  const owner = ownerOf(account, ctx, 'delete');
  const flowId = textParam(params, 'flow_id');
  if (flowId === undefined) throw new GraphError('parameterRequired', { name: 'flow_id' });
  const flow = requireFlow(
    await ctx.store.welcomeMessageFlows.get(owner.id, ctx.auth.app.id, flowId),
    flowId,
  );
  await ctx.store.welcomeMessageFlows.delete(flow.id);
  return { success: true };
}

export const welcomeMessageFlowsEdge: EdgeAction<AccountRow, GraphContext> = {
  get: list,
  post: save,
  delete: remove,
};
