/**
 * A comment on a Page post (Comment): `GET /{comment-id}`, the items of a post's `comments` edge, and its
 * own `comments` edge of replies (Meta's Comment and Object Comments references).
 */
import { privateReplyState } from '../../comments/comment-rules.ts';
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';
import { pageAuthor } from './author.ts';
import { pageCommentsSource } from './comments-source.ts';

const repliesEdge: EdgeField<CommentRecord, GraphContext, CommentRecord> = {
  kind: 'edge',
  get node() {
    return pageCommentNode;
  },
  cursorKey: (c) => [c.comment.created_at, c.comment.seq],
  open: async (parent, ctx, args) =>
    pageCommentsSource(parent, ctx, args, { parentId: parent.comment.id }, `replies:${parent.comment.id}`),
};

async function parent(c: CommentRecord, ctx: GraphContext): Promise<CommentRecord | undefined> {
  if (c.comment.parent_id === null) return undefined;
  const comment = await ctx.store.posts.getComment(c.comment.parent_id);
  return comment && { ...c, comment };
}

export const pageCommentNode: NodeType<CommentRecord, GraphContext> = {
  name: 'Comment',
  defaultFields: ['created_time', 'from', 'message', 'id'],
  idOf: (c) => c.comment.id,
  fields: {
    id: value((c) => c.comment.id),
    message: value((c) => c.comment.text),
    created_time: value((c) => formatGraphTime(c.comment.created_at)),
    from: value((c, ctx) => pageAuthor(c.account, c.comment.person_id, ctx), {
      object: { name: 'User', fields: ['name', 'id'] },
    }),
    like_count: value((c) => c.comment.like_count),
    comment_count: value((c, ctx) => ctx.store.posts.countComments({ parentId: c.comment.id })),
    is_hidden: value((c) => c.comment.hidden === 1),
    // The Page hides people's comments; its own it deletes.
    can_hide: value((c) => c.comment.person_id !== null),
    can_remove: value(() => true),
    can_comment: value((c) => c.comment.parent_id === null),
    can_like: value(() => true),
    // A person's comment the Page has not answered privately yet, within 7 days.
    can_reply_privately: value(
      (c, ctx) => c.comment.person_id !== null && privateReplyState(c.comment, c.post, ctx.now) === 'open',
    ),
    user_likes: value(() => false),
    parent: {
      ...value(parent),
      get node() {
        return pageCommentNode;
      },
    },
    object: value((c) => ({ id: c.post.id }), { object: { name: 'Post', fields: ['id'] } }),
    comments: repliesEdge,
  },
};
