/**
 * `GET`, `POST` and `DELETE /{page-id|ig-id|me}/messenger_profile`: a Page's Messenger profile, or an Instagram
 * account's (with a Page token and `platform=instagram`, or on graph.instagram.com). The two Instagram paths
 * share the account's one profile. A POST sets only the properties it names; DELETE removes those `fields` names.
 */
import { GraphError } from '@parley/protocol';
import type { EdgeAction } from '../graph/node-type.ts';
import { parseFields } from '../graph/fields-parser.ts';
import { requireMessagingPermission, unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { enumParam, expandBrackets, namesOf, rawListParam, type Params } from '../core/params.ts';
import type { AccountRow, Platform } from '../store/schema.ts';
import { DELETABLE_FIELDS, PROFILE_PROPERTIES, READ_ONLY_PROPERTIES, REQUIRED_ONE_OF } from './limits.ts';
import { PROPERTY_READERS } from './properties.ts';

interface Target {
  readonly owner: AccountRow;
  readonly platform: Platform;
}

/**
 * Only the account's own token reaches its profile: a Page's for Messenger, or with `platform=instagram` its
 * linked Instagram account's; an Instagram Login token its own account's.
 */
function targetOf(account: AccountRow, ctx: GraphContext, params: Params, method: string): Target {
  const { kind } = ctx.auth;
  if ((kind !== 'page' && kind !== 'instagram') || ctx.auth.account?.id !== account.id)
    throw unsupported(method, account.id);
  let target: Target;
  if (account.type === 'instagram') {
    enumParam(params, 'platform', ['instagram'] as const);
    target = { owner: account, platform: 'instagram' };
  } else if (
    (enumParam(params, 'platform', ['instagram', 'messenger'] as const) ?? 'messenger') === 'messenger'
  ) {
    target = { owner: account, platform: 'messenger' };
  } else {
    const linked = ctx.auth.accounts.find((a) => a.id === account.instagram_account_id);
    if (!linked) throw new GraphError('pageNotLinkedToInstagram');
    target = { owner: linked, platform: 'instagram' };
  }
  requireMessagingPermission(ctx, target.platform);
  ctx.throttle('messenger_profile', target.owner.id, target.platform);
  return target;
}

/** The properties `fields` names that the platform answers, in the order asked; none when it names none. */
async function read(account: AccountRow, ctx: GraphContext, params: Params) {
  const { owner, platform } = targetOf(account, ctx, params, 'get');
  const answered: readonly string[] = [...PROFILE_PROPERTIES[platform], ...READ_ONLY_PROPERTIES[platform]];
  const asked = (parseFields(typeof params.fields === 'string' ? params.fields : undefined) ?? []).map(
    (field) => field.name,
  );
  const stored = await ctx.store.messengerProfiles.read(owner.id);
  const entry: Record<string, unknown> = {};
  for (const name of asked) {
    if (!answered.includes(name)) continue;
    if (name === 'subject_to_new_eu_privacy_rules') entry[name] = false;
    else if (stored.has(name)) entry[name] = stored.get(name);
  }
  return { data: Object.keys(entry).length > 0 ? [entry] : [] };
}

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

async function set(account: AccountRow, ctx: GraphContext, rawParams: Params) {
  const params = expandBrackets(rawParams);
  const { owner, platform } = targetOf(account, ctx, params, 'post');
  const named = PROFILE_PROPERTIES[platform].filter((name) => given(params[name]));
  if (named.length === 0)
    throw new GraphError('profilePropertyRequired', { params: REQUIRED_ONE_OF[platform] });
  const values = new Map(named.map((name) => [name, PROPERTY_READERS[name](params, name, platform)]));
  await ctx.store.transaction(async (tx) => {
    // Messenger shows a menu only beside a Get Started button.
    if (platform === 'messenger' && values.has('persistent_menu') && !values.has('get_started')) {
      const stored = await tx.messengerProfiles.read(owner.id);
      if (!stored.has('get_started')) throw new GraphError('getStartedRequired');
    }
    await tx.messengerProfiles.set(owner.id, values, ctx.now);
  });
  return { result: 'success' };
}

async function remove(account: AccountRow, ctx: GraphContext, params: Params) {
  const { owner } = targetOf(account, ctx, params, 'delete');
  const raw = rawListParam(params, 'fields');
  if (!given(raw)) throw new GraphError('parameterRequired', { name: 'fields' });
  const names = namesOf(raw, 'fields').map((name) => name.toLowerCase());
  if (names.length === 0)
    throw new GraphError('invalidParameter', { detail: 'param fields must be non-empty.' });
  const allowed: readonly string[] = DELETABLE_FIELDS;
  const bad = names.findIndex((name) => !allowed.includes(name));
  if (bad >= 0) {
    const list = DELETABLE_FIELDS.map((name) => name.toUpperCase()).join(', ');
    throw new GraphError('invalidParameter', { detail: `Param fields[${bad}] must be one of {${list}}` });
  }
  await ctx.store.messengerProfiles.remove(owner.id, names);
  return { result: 'success' };
}

export const messengerProfileEdge: EdgeAction<AccountRow, GraphContext> = {
  get: read,
  post: set,
  delete: remove,
};
