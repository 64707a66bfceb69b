/**
 * The handover protocol's Graph calls on `/{page-id|me}` with the Page's token: `POST pass_thread_control`
 * (`recipient`, `target_app_id`, `metadata`), `take_thread_control`, `request_thread_control`,
 * `release_thread_control`; `GET thread_owner?recipient=` and `GET secondary_receivers`. A recipient is a
 * PSID, or an IGSID of the Page's Instagram account (whose routing then applies).
 */
import { GraphError } from '@parley/protocol';
import type { EdgeAction } from '../graph/node-type.ts';
import { requireMessagingPermission, unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { enumParam, expandBrackets, objectParam, stringParam, type Params } from '../core/params.ts';
import { inboxAppOf, ownerOf, threadControl } from '../messaging/conversation-routing.ts';
import type { AccountRow } from '../store/schema.ts';
import { resolveRecipient } from '../send/recipient.ts';
import { roleOf, rolesOf } from './app-roles.ts';
import { controlThread, type ControlAction } from './thread-control.ts';
import { platformOf } from '../messaging/conversation-rules.ts';

/** The longest `metadata` taken (Meta documents none). */
const METADATA_MAX = 1000;

function requireOwnToken(account: AccountRow, ctx: GraphContext, method: string) {
  if (ctx.auth.account?.id !== account.id) throw unsupported(method, account.id);
}

/** The person a call names: `recipient: {id}` (a JSON object), or for a GET the id alone. */
async function personOf(account: AccountRow, ctx: GraphContext, params: Params) {
  const raw = params.recipient;
  const given = typeof raw === 'string' && /^\d+$/.test(raw) ? { id: raw } : objectParam(params, 'recipient');
  if (!given) throw new GraphError('parameterRequired', { name: 'recipient' });
  const recipient = await resolveRecipient(account, given, ctx);
  if (recipient.kind !== 'person') throw new GraphError('parameterRequired', { name: 'recipient[id]' });
  requireMessagingPermission(ctx, recipient.platform);
  return recipient;
}

function controlAction(action: ControlAction): EdgeAction<AccountRow, GraphContext> {
  return {
    async post(account, ctx, raw) {
      requireOwnToken(account, ctx, 'post');
      const params = expandBrackets(raw);
      const person = await personOf(account, ctx, params);
      const metadata = stringParam(params, 'metadata');
      if (metadata !== undefined && metadata.length > METADATA_MAX)
        throw new GraphError('textTooLong', { name: 'metadata', max: METADATA_MAX });
      const target = action === 'pass' ? stringParam(params, 'target_app_id') : undefined;
      return controlThread(
        {
          action,
          account: person.account,
          platform: person.platform,
          personId: person.personId,
          appId: ctx.auth.app.id,
          ...(metadata !== undefined && { metadata }),
          ...(target !== undefined && { target }),
        },
        { store: ctx.store, webhooks: ctx.webhooks, now: () => Math.max(ctx.now, ctx.clock.now()) },
      );
    },
  };
}

export const passThreadControlEdge = controlAction('pass');
export const takeThreadControlEdge = controlAction('take');
export const requestThreadControlEdge = controlAction('request');
export const releaseThreadControlEdge = controlAction('release');

/**
 * `GET thread_owner?recipient=`: `{data: [{thread_owner: {app_id}}]}`. Any app with a role may ask; on an account
 * without routing every app controls its threads, so the caller is answered.
 */
export const threadOwnerEdge: EdgeAction<AccountRow, GraphContext> = {
  async get(account, ctx, params) {
    requireOwnToken(account, ctx, 'get');
    const person = await personOf(account, ctx, params);
    const roles = await rolesOf(ctx.store, person.account);
    let owner = ctx.auth.app.id;
    if (roles.primary !== null) {
      if (roleOf(roles, owner) === undefined) throw new GraphError('applicationLacksPermission');
      const conversation = await ctx.store.conversations.getFor(person.account.id, person.personId);
      owner = ownerOf(await threadControl(ctx.store, person.account, conversation?.seq ?? 0, ctx.now))!;
    }
    return { data: [{ thread_owner: { app_id: owner } }] };
  },
};

/** `GET secondary_receivers` (`platform=instagram` for the Page's Instagram account): the primary receiver's only. */
export const secondaryReceiversEdge: EdgeAction<AccountRow, GraphContext> = {
  async get(page, ctx, params) {
    requireOwnToken(page, ctx, 'get');
    let account = page;
    if (enumParam(params, 'platform', ['instagram', 'messenger'] as const) === 'instagram') {
      const linked = ctx.auth.accounts.find((a) => a.id === page.instagram_account_id);
      if (!linked) throw new GraphError('pageNotLinkedToInstagram');
      account = linked;
    }
    const platform = platformOf(account);
    requireMessagingPermission(ctx, platform);
    const roles = await rolesOf(ctx.store, account);
    if (roles.primary !== ctx.auth.app.id) throw new GraphError('applicationLacksPermission');
    const inbox = inboxAppOf(platform);
    const data = [];
    for (const id of roles.secondary) {
      const name = id === inbox.id ? inbox.name : (await ctx.store.apps.get(id))?.name;
      data.push({ id, ...(name !== undefined && { name }) });
    }
    return { data };
  },
};
