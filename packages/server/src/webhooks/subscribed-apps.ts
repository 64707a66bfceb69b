/**
 * `/{ig-id|page-id|me}/subscribed_apps` with the account's token (spec §10.3): installs the token's app on
 * the account, for the fields named. An Instagram account hears through Instagram Login; a Page hears its
 * Messenger events and, on the Page-token path, those of the Instagram account linked to it.
 */
import { GraphError } from '@parley/protocol';
import type { EdgeAction } from '../graph/node-type.ts';
import { requirePermission, unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, TokenKind } from '../store/schema.ts';
import { rawListParam, type Params } from '../core/params.ts';
import { readFieldList, withFields } from './fields.ts';

/** The permission managing an account's webhooks needs, per token kind. */
const PERMISSION: Readonly<Record<TokenKind, string>> = {
  instagram: 'instagram_business_basic',
  page: 'pages_manage_metadata',
};

/** Only the account's own token manages its apps. */
function tokenKindFor(account: AccountRow, ctx: GraphContext, method: string): TokenKind {
  const kind = ctx.auth.kind;
  if (kind === 'app' || kind === 'user' || ctx.auth.account?.id !== account.id) {
    throw unsupported(method, account.id);
  }
  requirePermission(ctx, PERMISSION[kind]);
  return kind;
}

async function list(account: AccountRow, ctx: GraphContext) {
  const kind = tokenKindFor(account, ctx, 'get');
  const installed = await ctx.store.subscriptions.installedOn(account.id);
  const data = [];
  for (const subscription of installed) {
    const app = await ctx.store.apps.get(subscription.app_id);
    if (!app) continue;
    const subscribed_fields = JSON.parse(subscription.fields) as string[];
    data.push(
      kind === 'page'
        ? {
            category: 'Business',
            link: `https://www.facebook.com/games/?app_id=${app.id}`,
            name: app.name,
            id: app.id,
            subscribed_fields,
          }
        : { subscribed_fields, name: app.name, id: app.id },
    );
  }
  return { data };
}

async function install(account: AccountRow, ctx: GraphContext, params: Params) {
  const via = tokenKindFor(account, ctx, 'post');
  const raw = rawListParam(params, 'subscribed_fields');
  if (raw === undefined || raw === '')
    throw new GraphError('parameterRequired', { name: 'subscribed_fields' });
  const fields = readFieldList(raw, account.type === 'instagram' ? 'instagram' : 'page', 'subscribed_fields');
  await ctx.store.subscriptions.install({
    account_id: account.id,
    app_id: ctx.auth.app.id,
    via,
    fields: JSON.stringify(withFields([], fields)),
    created_at: ctx.now,
    failing_since: null,
    disabled_at: null,
  });
  return { success: true };
}

async function uninstall(account: AccountRow, ctx: GraphContext) {
  tokenKindFor(account, ctx, 'delete');
  await ctx.store.subscriptions.uninstall(account.id, ctx.auth.app.id);
  return { success: true };
}

export const subscribedAppsEdge: EdgeAction<AccountRow, GraphContext> = {
  get: list,
  post: install,
  delete: uninstall,
};
