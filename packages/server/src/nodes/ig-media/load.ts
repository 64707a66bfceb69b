/**
 * Resolves Instagram media for tokens that reach its account. A person's media that mentions the account is
 * read only through `mentioned_media`.
 */
import { reachableAccount, requireInstagramPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { PostRecord } from '../../messaging/post-records.ts';
import type { MediaPostRow } from '../../store/schema.ts';

/** The business's own Instagram media, with its account, if the token reaches it. */
export function ownMedia(post: MediaPostRow | undefined, ctx: GraphContext): PostRecord | undefined {
  if (!post || post.author_person_id !== null) return undefined;
  const account = reachableAccount(ctx, post.account_id);
  return account?.type === 'instagram' ? { post, account } : undefined;
}

export async function loadIgMedia(id: string, ctx: GraphContext): Promise<PostRecord | undefined> {
  const media = ownMedia(await ctx.store.posts.get(id), ctx);
  if (media) requireInstagramPermission(ctx, 'basic');
  return media;
}
