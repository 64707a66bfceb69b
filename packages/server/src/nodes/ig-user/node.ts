/** The Instagram professional account (IGUser): `GET /me` and `GET /{ig-id}` (spec §1.3, §11.4). */
import { value, type NodeType } from '../../graph/node-type.ts';
import type { AccountRow } from '../../store/schema.ts';
import type { GraphContext } from '../../core/context.ts';
import { conversationsEdge } from '../conversation/conversations-edge.ts';
import { igCommentNode } from '../ig-comment/node.ts';
import { mediaEdge } from '../ig-media/media-edge.ts';
import { igMediaNode } from '../ig-media/node.ts';
import { mentionedComment, mentionedMedia } from './mentions.ts';

/** Fields and actions only graph.instagram.com (an Instagram user token) has. */
export const onInstagramLogin = (ctx: GraphContext) => ctx.auth.kind === 'instagram';

/** On Instagram Login `id` is the app-scoped id and `user_id` the professional account id (which webhooks use). */
function nodeId(account: AccountRow, ctx: GraphContext): string {
  return onInstagramLogin(ctx) ? (account.app_scoped_id ?? account.id) : account.id;
}

export const igUserNode: NodeType<AccountRow, GraphContext> = {
  name: 'IGUser',
  defaultFields: ['id'],
  idOf: nodeId,
  readLimit: (a, edge) => (edge === 'conversations' ? { accountId: a.id, platform: 'instagram' } : undefined),
  fields: {
    id: value(nodeId),
    user_id: value((a) => a.id, { available: onInstagramLogin }),
    ig_id: value((a) => a.id, { available: (ctx) => !onInstagramLogin(ctx) }),
    username: value((a) => a.username),
    name: value((a) => a.name),
    account_type: value(() => 'BUSINESS', { available: onInstagramLogin }),
    profile_picture_url: value((a) => a.profile_picture_url),
    biography: value((a) => a.biography),
    followers_count: value((a) => a.followers_count),
    follows_count: value((a) => a.follows_count),
    media_count: value((a) => a.media_count),
    conversations: { ...conversationsEdge, available: onInstagramLogin },
    media: mediaEdge,
    mentioned_media: value(mentionedMedia, { node: igMediaNode }),
    mentioned_comment: value(mentionedComment, { node: igCommentNode }),
  },
};
