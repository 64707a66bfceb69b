/** Resolves a Page for the tokens that reach it. */
import type { AccountRow } from '../../store/schema.ts';
import { reachableAccount } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';

export async function loadPage(id: string, ctx: GraphContext): Promise<AccountRow | undefined> {
  const account = reachableAccount(ctx, id);
  return account?.type === 'page' ? account : undefined;
}
