/** The Facebook Page: `GET /me` and `GET /{page-id}` with a Page token. */
import { value, type NodeType } from '../../graph/node-type.ts';
import type { AccountRow } from '../../store/schema.ts';
import type { GraphContext } from '../../core/context.ts';
import { reachableAccount } from '../../core/access.ts';
import { conversationsEdge } from '../conversation/conversations-edge.ts';
import { igUserNode } from '../ig-user/node.ts';
import { feedEdge } from '../page-post/feed-edge.ts';
import { personasEdge } from '../persona/node.ts';

/** What only the Page's own token may do (a user token that reaches the Page only reads it). */
export const onPageToken = (ctx: GraphContext) => ctx.auth.kind === 'page';

export const pageNode: NodeType<AccountRow, GraphContext> = {
  name: 'Page',
  defaultFields: ['name', 'id'],
  idOf: (p) => p.id,
  readLimit: (p, edge, args) => {
    if (edge !== 'conversations') return undefined;
    const instagram = String(args.platform ?? '').toLowerCase() === 'instagram' && p.instagram_account_id;
    return instagram
      ? { accountId: instagram, platform: 'instagram' }
      : { accountId: p.id, platform: 'messenger' };
  },
  fields: {
    id: value((p) => p.id),
    name: value((p) => p.name),
    username: value((p) => p.username),
    category: value((p) => p.category),
    link: value((p) => `https://www.facebook.com/${p.username ?? p.id}`),
    // The linked account reads as `GET /{ig-id}` does with the same token (which always reaches it).
    instagram_business_account: value(
      (p, ctx) => (p.instagram_account_id ? reachableAccount(ctx, p.instagram_account_id) : undefined),
      { node: igUserNode },
    ),
    conversations: { ...conversationsEdge, available: onPageToken },
    feed: feedEdge,
    posts: feedEdge,
    personas: { ...personasEdge, available: onPageToken },
  },
};
