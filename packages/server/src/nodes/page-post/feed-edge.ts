/**
 * `GET /{page-id}/feed` and `/{page-id}/posts`: the Page's posts, newest first. People do not post on
 * Pages in Parley, so the two edges list the same posts.
 */
import type { EdgeField } from '../../graph/node-type.ts';
import { requirePermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { PostRecord } from '../../messaging/post-records.ts';
import type { AccountRow } from '../../store/schema.ts';
import { pagePostNode } from './node.ts';

export const feedEdge: EdgeField<AccountRow, GraphContext, PostRecord> = {
  kind: 'edge',
  node: pagePostNode,
  cursorKey: (p) => [p.post.created_at, p.post.seq],
  async open(page, ctx) {
    requirePermission(ctx, 'pages_read_engagement');
    return {
      scope: `feed:${page.id}`,
      async list(request) {
        const rows = await ctx.store.posts.listMedia(page.id, request);
        return { more: rows.more, items: rows.items.map((post) => ({ post, account: page })) };
      },
    };
  },
};
