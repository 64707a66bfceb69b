/** `GET /{ig-id|me}/media`: the account's own media (not people's that mention it), newest first. */
import { requireInstagramPermission } from '../../core/access.ts';
import { postsEdge } from '../posts-edge.ts';
import { igMediaNode } from './node.ts';

export const mediaEdge = postsEdge(igMediaNode, (ctx) => requireInstagramPermission(ctx, 'basic'), 'media');
