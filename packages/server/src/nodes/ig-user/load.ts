/** Resolves an Instagram account by its id or its app-scoped id, for tokens that reach it. */
import type { AccountRow } from '../../store/schema.ts';
import { reachableAccount } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';

export async function loadIgUser(id: string, ctx: GraphContext): Promise<AccountRow | undefined> {
  const account = (await ctx.store.accounts.get(id)) ?? (await ctx.store.accounts.getByAppScopedId(id));
  if (account?.type !== 'instagram') return undefined;
  return reachableAccount(ctx, account.id);
}
