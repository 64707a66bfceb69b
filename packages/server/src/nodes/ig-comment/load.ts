/**
 * Resolves an Instagram comment for tokens that reach its media's account. Comments on a person's media
 * that mentions the account are read only through `mentioned_comment`; deleted ones are gone.
 */
import { requireInstagramPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';
import { ownMedia } from '../ig-media/load.ts';

export async function loadIgComment(id: string, ctx: GraphContext): Promise<CommentRecord | undefined> {
  const comment = await ctx.store.posts.getComment(id);
  const media = comment && ownMedia(await ctx.store.posts.get(comment.media_id), ctx);
  if (!comment || !media) return undefined;
  requireInstagramPermission(ctx, 'basic');
  requireInstagramPermission(ctx, 'manage_comments');
  return { ...media, comment };
}
