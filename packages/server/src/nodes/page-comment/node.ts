/**
 * A comment on a Page post (Comment): `GET /{comment-id}`, the items of a post's `comments` edge, and its
 * own `comments` edge of replies (Meta's Comment and Object Comments references).
 */
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';
import { pageCommentsSource } from './comments-source.ts';

/** Its author as `from` shows it: the person by their Page-scoped id, or the Page. */
async function from(c: CommentRecord, ctx: GraphContext) {
  const personId = c.comment.person_id;
  if (personId === null) return { name: c.account.name, id: c.account.id };
  const [person, scopedId] = await Promise.all([
    ctx.store.people.get(personId),
    ctx.store.people.scopedIdFor(c.account.id, personId),
  ]);
  return { name: person?.name ?? person?.username, id: scopedId };
}

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
    from: value(from, { object: { name: 'User', fields: ['name', 'id'] } }),
    like_count: value((c) => c.comment.like_count),
    comment_count: value((c, ctx) => ctx.store.posts.countComments({ parentId: c.comment.id })),
    is_hidden: value((c) => c.comment.hidden === 1),
    // The Page hides people's comments; its own it deletes.
    can_hide: value((c) => c.comment.person_id !== null),
    can_remove: value(() => true),
    can_comment: value((c) => c.comment.parent_id === null),
    can_like: value(() => true),
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
