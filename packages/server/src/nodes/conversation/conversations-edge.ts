/**
 * `GET /{ig-id|page-id|me}/conversations` (spec §2): a business account's conversations, most recently
 * updated first, filtered by `platform`, `user_id` and `folder`. Time-based paging (`since`/`until`) is
 * not offered on this edge; like Meta, Parley ignores those parameters.
 */
import { GraphError } from '@parley/protocol';
import type { EdgeArgs, EdgeField, EdgeSource } from '../../graph/node-type.ts';
import { columnsFor } from '../../graph/projection.ts';
import type { ConversationColumn } from '../../store/store.ts';
import { MESSENGER_FOLDERS, platformOf, requestsIdleBefore } from '../../messaging/conversation-rules.ts';
import type { AccountRow, Folder, Platform } from '../../store/schema.ts';
import { requireMessagingPermission } from '../../core/access.ts';
import { enumParam, stringParam } from '../../core/params.ts';
import type { GraphContext } from '../../core/context.ts';
import { conversationNode } from './node.ts';
import type { ConversationRecord } from './record.ts';

/** Which inbox the request reads: an Instagram token reads its own; a Page reads Messenger or its linked Instagram. */
async function targetInbox(account: AccountRow, ctx: GraphContext, args: EdgeArgs) {
  if (account.type === 'instagram') {
    enumParam(args, 'platform', ['instagram'] as const);
    return { owner: account, platform: 'instagram' as Platform };
  }
  const platform = enumParam(args, 'platform', ['instagram', 'messenger'] as const) ?? 'messenger';
  if (platform === 'messenger') return { owner: account, platform };
  const linked = account.instagram_account_id
    ? ctx.auth.accounts.find((a) => a.id === account.instagram_account_id)
    : undefined;
  if (!linked) throw new GraphError('pageNotLinkedToInstagram');
  return { owner: linked, platform };
}

const EMPTY: Omit<EdgeSource<ConversationRecord>, 'scope'> = {
  list: async () => ({ items: [], more: false }),
};

export const conversationsEdge: EdgeField<AccountRow, GraphContext, ConversationRecord> = {
  kind: 'edge',
  node: conversationNode,
  cursorKey: (c) => [c.view.updated_at, c.view.seq],
  async open(account, ctx, args) {
    const { owner, platform } = await targetInbox(account, ctx, args);
    requireMessagingPermission(ctx, platform);
    const scope = `conversations:${owner.id}`;
    // Instagram has no folder parameter ("inbox folders are not supported"); Messenger reads the inbox by default.
    const folder: Folder | undefined =
      platform === 'messenger' ? enumParam(args, 'folder', MESSENGER_FOLDERS) : undefined;
    const userId = stringParam(args, 'user_id');
    let personId: string | undefined;
    if (userId !== undefined) {
      const scoped = /^\d+$/.test(userId) ? await ctx.store.people.getScopedId(userId) : undefined;
      if (!scoped || scoped.account_id !== owner.id) return { scope, defaultFields: ['id'], ...EMPTY };
      personId = scoped.person_id;
    }
    const query = {
      accountId: owner.id,
      personId,
      folder: folder ?? (platform === 'messenger' && !personId ? 'inbox' : undefined),
      hideRequestsIdleBefore: platform === 'instagram' ? requestsIdleBefore(ctx.now, ctx.config) : undefined,
    } as const;
    return {
      scope,
      // Meta's docs show a `user_id` lookup answering the conversation's id alone.
      ...(userId !== undefined && { defaultFields: ['id'] }),
      async list(request, fields) {
        const page = await ctx.store.conversations.list(
          query,
          request,
          columnsFor(conversationNode, fields) as ConversationColumn[],
        );
        return {
          more: page.more,
          items: page.items.map((view) => ({ view, account: owner, platform: platformOf(owner) })),
        };
      },
    };
  },
};
