/**
 * Where a list of Page comments comes from: a post's comments (top-level, or every one with
 * `filter=stream`) or a comment's replies, oldest first unless `order=reverse_chronological`.
 */
import type { EdgeArgs, EdgeSource } from '../../graph/node-type.ts';
import { requirePermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import { enumParam } from '../../core/params.ts';
import type { CommentRecord, PostRecord } from '../../messaging/post-records.ts';
import type { CommentList } from '../../store/repositories/posts.ts';

export function pageCommentsSource(
  on: PostRecord,
  ctx: GraphContext,
  args: EdgeArgs,
  list: CommentList,
  scope: string,
): EdgeSource<CommentRecord> {
  requirePermission(ctx, 'pages_read_engagement');
  requirePermission(ctx, 'pages_read_user_content');
  const order = enumParam(args, 'order', ['chronological', 'reverse_chronological'] as const);
  const newest = order === 'reverse_chronological';
  const { post, account } = on;
  return {
    // Cursors hold a place in one order: the other order's cursors are refused.
    scope: newest ? `${scope}:newest` : scope,
    async list(page) {
      const rows = await ctx.store.posts.listComments(list, page, newest ? 'newest' : 'oldest');
      return { more: rows.more, items: rows.items.map((comment) => ({ comment, post, account })) };
    },
    total: () => ctx.store.posts.countComments(list),
  };
}
