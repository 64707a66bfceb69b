/**
 * `GET /{page-id}/feed` and `/{page-id}/posts`: the Page's posts, newest first. People do not post on
 * Pages in Parley, so the two edges list the same posts.
 */
import { requirePermission } from '../../core/access.ts';
import { postsEdge } from '../posts-edge.ts';
import { pagePostNode } from './node.ts';

export const feedEdge = postsEdge(
  pagePostNode,
  (ctx) => requirePermission(ctx, 'pages_read_engagement'),
  'feed',
);
