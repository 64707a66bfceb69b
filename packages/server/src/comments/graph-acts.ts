/**
 * What the Graph API's comment actions share: the business acts through comments.ts in one transaction, and
 * a refusal by the rules answers as Meta's `(#100)` error.
 */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../core/context.ts';
import { stringArg, type Params } from '../core/params.ts';
import { CommentRefusal, graphErrorOf } from './comment-rules.ts';
import type { CommentsContext } from './comments.ts';

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

/** The comment's text, which Graph takes as `message`. */
export function messageParam(params: Params): string {
  const message = stringArg(params, 'message');
  if (message === undefined) throw new GraphError('parameterRequired', { name: 'message' });
  return message;
}

export const SUCCESS = { success: true } as const;
