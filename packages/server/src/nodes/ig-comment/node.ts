/**
 * The Instagram comment (IGComment): `GET /{ig-comment-id}`, the items of a media's `comments` edge, and its
 * own `replies` edge (Meta's IG Comment and IG Comment Replies references).
 */
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';
import { commentAuthor } from './author.ts';
import { commentsSource } from './comments-source.ts';

/** Meta's samples of the comments and replies edges show these. */
const COMMENT_LIST_FIELDS = ['timestamp', 'text', 'id'] as const;

const repliesEdge: EdgeField<CommentRecord, GraphContext, CommentRecord> = {
  kind: 'edge',
  get node() {
    return igCommentNode;
  },
  cursorKey: (c) => [c.comment.created_at, c.comment.seq],
  // Replies read as a thread does, oldest first.
  open: async (parent, ctx) =>
    commentsSource(parent, ctx, { parentId: parent.comment.id }, 'oldest', `replies:${parent.comment.id}`),
};

export const igCommentNode: NodeType<CommentRecord, GraphContext> = {
  name: 'IGComment',
  defaultFields: COMMENT_LIST_FIELDS,
  idOf: (c) => c.comment.id,
  fields: {
    id: value((c) => c.comment.id),
    text: value((c) => c.comment.text),
    timestamp: value((c) => formatGraphTime(c.comment.created_at)),
    from: value(
      async (c, ctx) => {
        const author = await commentAuthor(c, ctx);
        return { id: author.id, username: author.username ?? undefined };
      },
      { object: { name: 'IGCommentFromUser', fields: ['id', 'username'] } },
    ),
    username: value(async (c, ctx) => (await commentAuthor(c, ctx)).username),
    // Only for comments the app user (the business) wrote.
    user: value((c) => (c.comment.person_id === null ? { id: c.account.id } : undefined), {
      object: { name: 'IGUser', fields: ['id'] },
    }),
    hidden: value((c) => c.comment.hidden === 1),
    like_count: value((c) => c.comment.like_count),
    parent_id: value((c) => c.comment.parent_id),
    media: value((c) => ({ id: c.post.id, media_product_type: c.post.product_type }), {
      object: { name: 'IGMedia', fields: ['id', 'media_product_type'] },
    }),
    replies: repliesEdge,
  },
};
