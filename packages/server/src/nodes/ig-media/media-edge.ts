/** `GET /{ig-id|me}/media`: the account's own media (not people's that mention it), newest first. */
import type { EdgeField } from '../../graph/node-type.ts';
import { requireInstagramPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { PostRecord } from '../../messaging/post-records.ts';
import type { AccountRow } from '../../store/schema.ts';
import { igMediaNode } from './node.ts';

export const mediaEdge: EdgeField<AccountRow, GraphContext, PostRecord> = {
  kind: 'edge',
  node: igMediaNode,
  cursorKey: (m) => [m.post.created_at, m.post.seq],
  async open(account, ctx) {
    requireInstagramPermission(ctx, 'basic');
    return {
      scope: `media:${account.id}`,
      async list(page) {
        const rows = await ctx.store.posts.listMedia(account.id, page);
        return { more: rows.more, items: rows.items.map((post) => ({ post, account })) };
      },
    };
  },
};
