/** How people and businesses appear inside conversations and messages, per platform (spec §2.4, §4.1). */
import type { AccountRow, Platform } from '../store/schema.ts';
import type { ConversationRecord } from './conversation/record.ts';

export interface Participant {
  readonly id: string;
  readonly username?: string;
  readonly name?: string;
  readonly email?: string;
}

export function personParticipant(
  platform: Platform,
  person: { scopedId: string; username: string; name: string | null },
): Participant {
  return platform === 'instagram'
    ? { username: person.username, id: person.scopedId }
    : { name: person.name ?? person.username, email: `${person.scopedId}@facebook.com`, id: person.scopedId };
}

export function businessParticipant(platform: Platform, account: AccountRow): Participant {
  return platform === 'instagram'
    ? { username: account.username ?? '', id: account.id }
    : { name: account.name ?? '', email: `${account.id}@facebook.com`, id: account.id };
}

export const PARTICIPANT_FIELDS = ['id', 'username', 'name', 'email'] as const;

/** The two sides of a conversation, as its platform shows them. */
export function conversationParties(c: ConversationRecord): { person: Participant; business: Participant } {
  return {
    person: personParticipant(c.platform, {
      scopedId: c.view.scoped_id,
      username: c.view.person_username,
      name: c.view.person_name,
    }),
    business: businessParticipant(c.platform, c.account),
  };
}
