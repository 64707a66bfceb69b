/** Where a list of Instagram comments comes from: a media's top-level comments, or a comment's replies. */
import type { EdgeSource } from '../../graph/node-type.ts';
import { requireInstagramPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { PostRecord, CommentRecord } from '../../messaging/post-records.ts';
import type { CommentList } from '../../store/repositories/posts.ts';

export function commentsSource(
  on: PostRecord,
  ctx: GraphContext,
  list: CommentList,
  order: 'oldest' | 'newest',
  scope: string,
): EdgeSource<CommentRecord> {
  requireInstagramPermission(ctx, 'basic');
  requireInstagramPermission(ctx, 'manage_comments');
  const { post, account } = on;
  // A live broadcast's comments can be read only while it is live.
  const ended = post.product_type === 'LIVE' && post.live_ended_at !== null;
  return {
    scope,
    async list(page) {
      if (ended) return { items: [], more: false };
      const rows = await ctx.store.posts.listComments(list, page, order);
      return { more: rows.more, items: rows.items.map((comment) => ({ comment, post, account })) };
    },
    total: () => ctx.store.posts.countComments(list),
  };
}
