/** Resolves a Page post (`{page-id}_{n}`) for tokens that reach the Page. */
import { reachableAccount, requirePermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { PostRecord } from '../../messaging/post-records.ts';
import type { MediaPostRow } from '../../store/schema.ts';

/** A post with its Page, if it is on a Page the token reaches. */
export function pagePost(post: MediaPostRow | undefined, ctx: GraphContext): PostRecord | undefined {
  const account = post && reachableAccount(ctx, post.account_id);
  return post && account?.type === 'page' ? { post, account } : undefined;
}

export async function loadPagePost(id: string, ctx: GraphContext): Promise<PostRecord | undefined> {
  const post = pagePost(await ctx.store.posts.get(id), ctx);
  if (post) requirePermission(ctx, 'pages_read_engagement');
  return post;
}
