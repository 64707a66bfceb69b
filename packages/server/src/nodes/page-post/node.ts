/**
 * A Page post (Post): `GET /{page-post-id}` and the items of a Page's `feed` and `posts` edges, with its
 * `comments` edge (Meta's Page Post and Object Comments references).
 */
import { privateReplyState } from '../../comments/comment-rules.ts';
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import { enumParam } from '../../core/params.ts';
import type { CommentRecord, PostRecord } from '../../messaging/post-records.ts';
import { pageCommentsSource } from '../page-comment/comments-source.ts';
import { pageAuthor } from '../page-comment/author.ts';
import { pageCommentNode } from '../page-comment/node.ts';

const commentsEdge: EdgeField<PostRecord, GraphContext, CommentRecord> = {
  kind: 'edge',
  node: pageCommentNode,
  cursorKey: (c) => [c.comment.created_at, c.comment.seq],
  async open(post, ctx, args) {
    // `toplevel` (the default) reads comments on the post; `stream` every comment, replies among them.
    const stream = enumParam(args, 'filter', ['toplevel', 'stream'] as const) === 'stream';
    const list = { mediaId: post.post.id, replies: stream };
    return pageCommentsSource(post, ctx, args, list, `comments:${post.post.id}${stream ? ':stream' : ''}`);
  },
};

export const pagePostNode: NodeType<PostRecord, GraphContext> = {
  name: 'Post',
  defaultFields: ['created_time', 'message', 'id'],
  idOf: (p) => p.post.id,
  fields: {
    id: value((p) => p.post.id),
    message: value((p) => p.post.caption),
    created_time: value((p) => formatGraphTime(p.post.created_at)),
    updated_time: value((p) => formatGraphTime(p.post.created_at)),
    // The Page, or for a person's post on the Page (a visitor post) the person.
    from: value((p, ctx) => pageAuthor(p.account, p.post.author_person_id, ctx), {
      object: { name: 'User', fields: ['name', 'id'] },
    }),
    permalink_url: value((p) => p.post.permalink),
    full_picture: value((p) => p.post.media_url),
    is_hidden: value(() => false),
    is_published: value(() => true),
    // A person's post on the Page (a visitor post) the Page has not answered privately yet, within 7 days.
    can_reply_privately: value(
      (p, ctx) => p.post.author_person_id !== null && privateReplyState(p.post, p.post, ctx.now) === 'open',
    ),
    comments: commentsEdge,
  },
};
