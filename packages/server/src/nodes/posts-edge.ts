/** An account's own posts, newest first: Instagram's `/media` and a Page's `/feed` and `/posts`. */
import type { EdgeField, NodeType } from '../graph/node-type.ts';
import type { GraphContext } from '../core/context.ts';
import type { PostRecord } from '../messaging/post-records.ts';
import type { AccountRow } from '../store/schema.ts';

export function postsEdge(
  node: NodeType<PostRecord, GraphContext>,
  /** Throws when the token lacks the permission reading them needs. */
  requireRead: (ctx: GraphContext) => void,
  scopeName: string,
): EdgeField<AccountRow, GraphContext, PostRecord> {
  return {
    kind: 'edge',
    node,
    cursorKey: (p) => [p.post.created_at, p.post.seq],
    async open(account, ctx) {
      requireRead(ctx);
      return {
        scope: `${scopeName}:${account.id}`,
        async list(page) {
          const rows = await ctx.store.posts.listMedia(account.id, page);
          return { more: rows.more, items: rows.items.map((post) => ({ post, account })) };
        },
      };
    },
  };
}
