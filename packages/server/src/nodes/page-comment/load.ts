/** Resolves a comment on a Page post (`{n}_{n}`) for tokens that reach the Page; deleted ones are gone. */
import { requirePermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';
import { pagePost } from '../page-post/load.ts';

export async function loadPageComment(id: string, ctx: GraphContext): Promise<CommentRecord | undefined> {
  const comment = await ctx.store.posts.getComment(id);
  const post = comment && pagePost(await ctx.store.posts.get(comment.media_id), ctx);
  if (!comment || !post) return undefined;
  requirePermission(ctx, 'pages_read_engagement');
  requirePermission(ctx, 'pages_read_user_content');
  return { ...post, comment };
}
