/**
 * The Page's comment actions (Meta's Object Comments and Comment references): comment on its post, reply to
 * a comment, hide or show one, edit its own, and delete one, with pages_manage_engagement (attached for Page
 * tokens only).
 */
import type { EdgeAction } from '../graph/node-type.ts';
import { requirePermission } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { booleanArg, requireString, stringParam } from '../core/params.ts';
import type { CommentRecord, PostRecord } from '../messaging/post-records.ts';
import { deleteComment, editComment, hideComment } from './comments.ts';
import { actAsBusiness, commentAsBusiness, SUCCESS } from './graph-acts.ts';

/**
 * `POST /{page-post-id}/comments?message=…` and `POST /{comment-id}/comments?message=…` → `{"id": …}` (a
 * reply goes under the top-level comment).
 */
export const pageCommentOnAction: EdgeAction<PostRecord | CommentRecord, GraphContext> = {
  async post(on, ctx, params) {
    requirePermission(ctx, 'pages_manage_engagement');
    return commentAsBusiness(ctx, on, params);
  },
};

/**
 * `POST /{comment-id}?is_hidden=true|false` (or `?message=…` to edit the Page's own comment) and
 * `DELETE /{comment-id}` → `{"success": true}`.
 */
export const pageCommentAction: EdgeAction<CommentRecord, GraphContext> = {
  async post(on, ctx, params) {
    requirePermission(ctx, 'pages_manage_engagement');
    const hidden = booleanArg(params, 'is_hidden');
    const text = stringParam(params, 'message');
    const actor = { accountId: on.account.id };
    if (hidden === undefined && text === undefined) requireString(params, 'message');
    await actAsBusiness(ctx, async (c) => {
      if (text !== undefined) await editComment(c, on.comment.id, actor, text);
      if (hidden !== undefined) await hideComment(c, on.comment.id, on.account.id, hidden);
    });
    return SUCCESS;
  },
  async delete(on, ctx) {
    requirePermission(ctx, 'pages_manage_engagement');
    await actAsBusiness(ctx, (c) => deleteComment(c, on.comment.id, { accountId: on.account.id }));
    return SUCCESS;
  },
};
