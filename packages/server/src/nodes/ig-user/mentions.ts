/**
 * `GET /{ig-id}?fields=mentioned_media.media_id({id}){…}` and `mentioned_comment.comment_id({id}){…}`: a
 * person's media whose caption @mentions the account, and a comment that @mentions it, read by the id a
 * `mentions` webhook gave (Meta's IG User Mentioned Media and Mentioned Comment references).
 */
import { GraphError } from '@parley/protocol';
import type { FieldRequest } from '../../graph/fields-parser.ts';
import { mentionsIn } from '../../comments/comment-rules.ts';
import { requireInstagramPermission, unsupported } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord, PostRecord } from '../../messaging/post-records.ts';
import type { AccountRow } from '../../store/schema.ts';

function argument(field: FieldRequest | undefined, name: string): string {
  const id = field?.args?.[name];
  if (id === undefined || id === '') throw new GraphError('parameterRequired', { name });
  return id;
}

function mentions(text: string | null, account: AccountRow): boolean {
  return !!text && !!account.username && mentionsIn(text).includes(account.username.toLowerCase());
}

function mentionPermissions(ctx: GraphContext) {
  requireInstagramPermission(ctx, 'basic');
  requireInstagramPermission(ctx, 'manage_comments');
}

export async function mentionedMedia(
  account: AccountRow,
  ctx: GraphContext,
  field?: FieldRequest,
): Promise<PostRecord> {
  const id = argument(field, 'media_id');
  mentionPermissions(ctx);
  const post = /^\d+$/.test(id) ? await ctx.store.posts.get(id) : undefined;
  if (!post || post.author_person_id === null || !mentions(post.caption, account)) {
    throw unsupported('get', id);
  }
  return { post, account };
}

export async function mentionedComment(
  account: AccountRow,
  ctx: GraphContext,
  field?: FieldRequest,
): Promise<CommentRecord> {
  const id = argument(field, 'comment_id');
  mentionPermissions(ctx);
  const comment = /^\d+$/.test(id) ? await ctx.store.posts.getComment(id) : undefined;
  const post = comment && mentions(comment.text, account) && (await ctx.store.posts.get(comment.media_id));
  if (!comment || !post) throw unsupported('get', id);
  return { post, account, comment };
}
