/** A person a send names by other means than their scoped id (a token, a user_ref): available, or 551. */
import { GraphError } from '@parley/protocol';
import type { Store } from '../store/store.ts';

/** The person's scoped id on the account, if they have one yet; refuses a person who blocked the account. */
export async function availablePerson(
  accountId: string,
  personId: string,
  store: Store,
): Promise<string | undefined> {
  const scopedId = await store.people.scopedIdFor(accountId, personId);
  const scoped = scopedId === undefined ? undefined : await store.people.getScopedId(scopedId);
  if (scoped && scoped.blocked_at !== null) throw new GraphError('personUnavailable');
  return scopedId;
}
