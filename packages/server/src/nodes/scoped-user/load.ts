/**
 * Resolves an IGSID or PSID for tokens of the account it is scoped to. A profile is shown only with the
 * person's consent: once they have messaged the business (or tapped a button); otherwise 230.
 */
import { GraphError } from '@parley/protocol';
import { platformOf } from '../../messaging/conversation-rules.ts';
import { reachableAccount, requireMessagingPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { ScopedUserRecord } from './record.ts';

export async function loadScopedUser(id: string, ctx: GraphContext): Promise<ScopedUserRecord | undefined> {
  const scoped = await ctx.store.people.getScopedId(id);
  if (!scoped) return undefined;
  const account = reachableAccount(ctx, scoped.account_id);
  const person = account && (await ctx.store.people.get(scoped.person_id));
  if (!account || !person) return undefined;
  const platform = platformOf(account);
  requireMessagingPermission(ctx, platform);
  const conversation = await ctx.store.conversations.getFor(account.id, person.id);
  if (conversation?.last_person_activity_at == null) throw new GraphError('userConsentRequired');
  const followsBusiness = await ctx.store.people.isFollowing(person.id, account.id);
  return { scopedId: id, account, person, platform, followsBusiness };
}
