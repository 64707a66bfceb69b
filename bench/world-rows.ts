/** The rows of a benchmark world's people, conversations and messages, made the way Parley itself would store them. */
import { newId } from '../packages/server/src/graph/ids.ts';
import type { MessageIds } from '../packages/server/src/graph/message-ids.ts';
import type { ConversationKey } from '../packages/server/src/store/store.ts';
import { contentColumns, snippetOf } from '../packages/server/src/messaging/message-content.ts';
import type {
  AccountRow,
  NewConversation,
  NewMessage,
  PersonRow,
} from '../packages/server/src/store/schema.ts';

/** How big a world is: every conversation holds the same number of messages. */
export interface WorldShape {
  readonly name: string;
  readonly conversations: number;
  readonly messagesPerConversation: number;
}

/** Message times are one slot apart, round-robin over conversations, so every conversation has a distinct `updated_at`. */
export interface Timeline {
  readonly start: number;
  readonly slotMs: number;
  readonly conversations: number;
}

export function timelineEndingAt(end: number, shape: WorldShape, slotMs = 50): Timeline {
  const slots = shape.conversations * shape.messagesPerConversation;
  return { start: end - slots * slotMs, slotMs, conversations: shape.conversations };
}

/** When message `j` of conversation `i` was sent. */
export function messageTime(t: Timeline, i: number, j: number): number {
  return t.start + (j * t.conversations + i) * t.slotMs;
}

const PERSON_LINES = [
  'Hi! Do you still have the blue linen jacket in size M?',
  'Great, can you ship it to Lisbon by Friday?',
  'Perfect. Do you take returns if it does not fit?',
];
const BUSINESS_LINES = [
  'Hi there! Yes, we have two left in M. Shall I reserve one for you?',
  'Yes, express shipping to Portugal arrives in two working days.',
  'Of course: free returns within 30 days, just keep the tags on.',
];

export function messageText(j: number): string {
  const lines = j % 2 === 0 ? PERSON_LINES : BUSINESS_LINES;
  return `${lines[Math.floor(j / 2) % lines.length]} (#${j + 1})`;
}

export function personRow(i: number, createdAt: number): PersonRow {
  return {
    id: newId.person(),
    username: `bench.person.${i}`,
    name: `Bench Person ${i}`,
    profile_pic: null,
    follower_count: i % 1000,
    is_verified: 0,
    locale: 'en_US',
    timezone: 0,
    gender: null,
    created_at: createdAt,
  };
}

/** A conversation whose counters, snippet and activity times agree with the messages `messageRow` makes for it. */
export function conversationRow(
  account: AccountRow,
  person: PersonRow,
  scopedId: string,
  i: number,
  t: Timeline,
  messages: number,
): NewConversation {
  const last = messages - 1;
  const lastFromPerson = last % 2 === 0 ? last : last - 1;
  const lastFromBusiness = last % 2 === 1 ? last : last - 1;
  const lastAt = messageTime(t, i, last);
  return {
    id: newId.instagramThread(account.id),
    account_id: account.id,
    person_id: person.id,
    scoped_id: scopedId,
    // The business has replied, so Instagram keeps the thread in General (never hidden as an idle request).
    folder: lastFromBusiness >= 0 ? 'general' : 'requests',
    created_at: messageTime(t, i, 0),
    updated_at: lastAt,
    message_count: messages,
    unread_count: last % 2 === 0 ? 1 : 0,
    snippet: snippetOf({ text: messageText(last) }),
    last_person_activity_at: lastFromPerson >= 0 ? messageTime(t, i, lastFromPerson) : null,
    business_replied_at: lastFromBusiness >= 0 ? messageTime(t, i, 1) : null,
    person_seen_at: lastFromBusiness >= 0 ? messageTime(t, i, lastFromBusiness) : null,
    business_read_at: lastFromBusiness >= 0 ? messageTime(t, i, lastFromBusiness) : null,
  };
}

/**
 * Message `j` of conversation `i`, in the row the store reserved for it: even-numbered ones from the person,
 * odd-numbered ones from the business.
 */
export function messageRow(
  ids: MessageIds,
  seq: number,
  conversation: ConversationKey,
  i: number,
  j: number,
  t: Timeline,
): NewMessage {
  return {
    seq,
    id: ids.of(seq, conversation),
    conversation_id: conversation.id,
    conversation_seq: conversation.seq,
    from_business: j % 2,
    created_at: messageTime(t, i, j),
    ...contentColumns({ text: messageText(j) }),
  };
}
