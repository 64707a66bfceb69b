/**
 * The business's comment actions on Instagram (Meta's IG Media Comments, IG Comment Replies, IG Comment and
 * IG Media references): comment on its media, reply to a comment, hide or show one, delete one, and turn
 * comments on a media off or on.
 */
import { GraphError } from '@parley/protocol';
import type { EdgeAction } from '../graph/node-type.ts';
import { requireInstagramPermission } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { booleanArg } from '../core/params.ts';
import type { CommentRecord, PostRecord } from '../messaging/post-records.ts';
import { deleteComment, hideComment, setCommentsEnabled } from './comments.ts';
import { actAsBusiness, commentAsBusiness, SUCCESS } from './graph-acts.ts';

/** Instagram Login tokens and Page tokens manage comments; Facebook user tokens only read. */
const manages = (ctx: GraphContext) => ctx.auth.kind === 'instagram' || ctx.auth.kind === 'page';

function requireManage(ctx: GraphContext) {
  requireInstagramPermission(ctx, 'basic');
  requireInstagramPermission(ctx, 'manage_comments');
}

function requiredBoolean(params: Readonly<Record<string, unknown>>, name: string): boolean {
  const value = booleanArg(params, name);
  if (value === undefined) throw new GraphError('parameterRequired', { name });
  return value;
}

/**
 * `POST /{ig-media-id}/comments?message=…` and `POST /{ig-comment-id}/replies?message=…` → `{"id": …}` (a
 * reply to a reply goes under its comment).
 */
export const commentOnAction: EdgeAction<PostRecord | CommentRecord, GraphContext> = {
  available: manages,
  async post(on, ctx, params) {
    requireManage(ctx);
    return commentAsBusiness(ctx, on, params);
  },
};

/** `POST /{ig-media-id}?comment_enabled=true|false` → `{"success": true}`. */
export const mediaAction: EdgeAction<PostRecord, GraphContext> = {
  available: manages,
  async post(media, ctx, params) {
    requireManage(ctx);
    const enabled = requiredBoolean(params, 'comment_enabled');
    await actAsBusiness(ctx, (c) => setCommentsEnabled(c.tx, media.post.id, enabled));
    return SUCCESS;
  },
};

/** `POST /{ig-comment-id}?hide=true|false` and `DELETE /{ig-comment-id}` → `{"success": true}`. */
export const commentAction: EdgeAction<CommentRecord, GraphContext> = {
  available: manages,
  async post(on, ctx, params) {
    requireManage(ctx);
    const hide = requiredBoolean(params, 'hide');
    await actAsBusiness(ctx, (c) => hideComment(c, on.comment.id, on.account.id, hide));
    return SUCCESS;
  },
  async delete(on, ctx) {
    requireManage(ctx);
    await actAsBusiness(ctx, (c) => deleteComment(c, on.comment.id, { accountId: on.account.id }));
    return SUCCESS;
  },
};
