/** How people and businesses appear inside conversations and messages, per platform (spec §2.4, §4.1). */
import { value, type NodeType } from '../graph/node-type.ts';
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

/**
 * A participant as a node type, for sub-selections (`from{username}`): each platform's people have only the
 * fields their default shape shows, and asking for another answers 100, as a top-level field would (chosen,
 * unverified).
 */
function participantType(fields: readonly (keyof Participant)[]): NodeType<Participant, unknown> {
  return {
    name: 'User',
    defaultFields: fields,
    idOf: (p) => p.id,
    fields: Object.fromEntries(fields.map((field) => [field, value((p: Participant) => p[field])])),
  };
}

const instagramParticipant = participantType(['username', 'id']);
const messengerParticipant = participantType(['name', 'email', 'id']);

/** The node type a participant is projected through: Messenger people carry an email, Instagram people do not. */
export const participantNode = (p: Participant) =>
  p.email === undefined ? instagramParticipant : messengerParticipant;

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
