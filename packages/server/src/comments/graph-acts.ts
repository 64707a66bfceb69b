/**
 * What the Graph API's comment actions share: the business acts through comments.ts in one transaction, and
 * a refusal by the rules answers as Meta's `(#100)` error.
 */
import type { GraphContext } from '../core/context.ts';
import { requireString, type Params } from '../core/params.ts';
import type { CommentRecord, PostRecord } from '../messaging/post-records.ts';
import { CommentRefusal, graphErrorOf } from './comment-rules.ts';
import { addComment, type CommentsContext } from './comments.ts';

export async function actAsBusiness<T>(
  ctx: GraphContext,
  work: (comments: CommentsContext) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.store.transaction((tx) => work({ tx, webhooks: ctx.webhooks, now: ctx.now }));
  } catch (error) {
    throw error instanceof CommentRefusal ? graphErrorOf(error) : error;
  }
}

/** The business comments on its post, or replies under a comment: `{"id": …}`. */
export async function commentAsBusiness(
  ctx: GraphContext,
  on: PostRecord | CommentRecord,
  params: Params,
): Promise<{ id: string }> {
  const input = {
    mediaId: on.post.id,
    author: { accountId: on.account.id },
    text: requireString(params, 'message'),
    ...('comment' in on && { parentId: on.comment.id }),
  };
  const written = await actAsBusiness(ctx, (c) => addComment(c, input));
  return { id: written.comment.id };
}

export const SUCCESS = { success: true } as const;
