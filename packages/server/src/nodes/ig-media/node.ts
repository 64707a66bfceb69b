/**
 * Instagram media (IGMedia): `GET /{ig-media-id}`, the items of an account's `media` edge and of
 * `mentioned_media`, with its `comments` edge (Meta's IG Media and IG Media Comments references).
 */
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord, PostRecord } from '../../messaging/post-records.ts';
import { commentsSource } from '../ig-comment/comments-source.ts';
import { igCommentNode } from '../ig-comment/node.ts';

/** The business's own media (a person's, seen through a mention, shows its author's username instead). */
const owned = (m: PostRecord) => m.post.author_person_id === null;

async function username(m: PostRecord, ctx: GraphContext) {
  if (owned(m)) return m.account.username;
  return (await ctx.store.people.get(m.post.author_person_id!))?.username;
}

const commentsEdge: EdgeField<PostRecord, GraphContext, CommentRecord> = {
  kind: 'edge',
  node: igCommentNode,
  cursorKey: (c) => [c.comment.created_at, c.comment.seq],
  // Top-level comments, newest first.
  open: async (media, ctx) =>
    commentsSource(
      media,
      ctx,
      { mediaId: media.post.id, replies: false },
      'newest',
      `comments:${media.post.id}`,
    ),
};

export const igMediaNode: NodeType<PostRecord, GraphContext> = {
  name: 'IGMedia',
  defaultFields: ['id'],
  idOf: (m) => m.post.id,
  fields: {
    id: value((m) => m.post.id, { verbatim: true }),
    caption: value((m) => m.post.caption),
    media_type: value((m) => m.post.media_type),
    media_product_type: value((m) => m.post.product_type),
    media_url: value((m) => m.post.media_url),
    thumbnail_url: value((m) => (m.post.media_type === 'VIDEO' ? m.post.media_url : undefined)),
    permalink: value((m) => m.post.permalink),
    shortcode: value((m) => /\/(?:p|reel|tv)\/([^/]+)/.exec(m.post.permalink)?.[1]),
    timestamp: value((m) => formatGraphTime(m.post.created_at)),
    like_count: value((m) => m.post.like_count),
    comments_count: value((m, ctx) => ctx.store.posts.countComments({ mediaId: m.post.id, replies: true })),
    is_comment_enabled: value((m) => m.post.comments_enabled === 1),
    username: value(username),
    // Only for the app user's own media; a person's shows its username alone.
    owner: value((m) => (owned(m) ? { id: m.account.id } : undefined), {
      object: { name: 'IGUser', fields: ['id'] },
    }),
    // Carousel children and the legacy Instagram id are not kept: the fields exist and are left out.
    children: value(() => undefined),
    ig_id: value(() => undefined),
    comments: commentsEdge,
  },
};
