/**
 * Writes messages and their effects on the conversation. Each function runs inside the caller's
 * transaction: the message, the conversation's `updated_time`, snippet and counters land together.
 */
import { newId } from '../graph/ids.ts';
import type { ConversationView, Store } from '../store/store.ts';
import type { AccountRow, MessageRow, NewMessage } from '../store/schema.ts';
import { folderAfterBusinessReply, initialFolder, platformOf } from './conversation-rules.ts';
import { contentColumns, contentOf, snippetOf, type MessageContent } from './message-content.ts';

/** Finds, or starts, the conversation between a business account and a person (with the person's scoped id). */
export async function ensureConversation(
  tx: Store,
  account: AccountRow,
  personId: string,
  now: number,
  /** Fixed ids, for seeds that want stable ones. */
  ids: { conversationId?: string; scopedId?: string } = {},
): Promise<ConversationView> {
  const existing = await tx.conversations.getFor(account.id, personId);
  if (existing) return existing;
  const scopedId = await tx.people.ensureScopedId({
    scoped_id: ids.scopedId ?? newId.scopedUser(),
    account_id: account.id,
    person_id: personId,
    created_at: now,
  });
  const platform = platformOf(account);
  const follows = platform === 'instagram' && (await tx.people.isFollowing(personId, account.id));
  await tx.conversations.insert({
    id:
      ids.conversationId ??
      (platform === 'instagram' ? newId.instagramThread(account.id) : newId.messengerThread()),
    account_id: account.id,
    person_id: personId,
    scoped_id: scopedId,
    folder: initialFolder(platform, follows),
    created_at: now,
    updated_at: now,
    snippet: null,
    last_person_activity_at: null,
    business_replied_at: null,
    person_seen_at: null,
    business_read_at: null,
  });
  const created = await tx.conversations.getFor(account.id, personId);
  if (!created) throw new Error('conversation vanished after insert');
  return created;
}

/** A message's row, numbered `seq`. */
function messageRow(
  tx: Store,
  seq: number,
  conversation: ConversationView,
  fromBusiness: boolean,
  content: MessageContent,
  at: number,
): NewMessage {
  return {
    seq,
    id: tx.messages.ids.of(seq, conversation),
    conversation_id: conversation.id,
    conversation_seq: conversation.seq,
    from_business: fromBusiness ? 1 : 0,
    created_at: at,
    ...contentColumns(content),
  };
}

/** Inserts a message and answers it as written (without reading it back: its row number is not needed). */
async function insertMessage(
  tx: Store,
  conversation: ConversationView,
  fromBusiness: boolean,
  content: MessageContent,
  at: number,
): Promise<NewMessage> {
  const [seq] = await tx.messages.reserveRows(1);
  const message = messageRow(tx, seq!, conversation, fromBusiness, content, at);
  await tx.messages.insert(message);
  return message;
}

/** What a message does to its conversation (see `noteMessage`). */
function noteMessage(
  tx: Store,
  account: AccountRow,
  id: string,
  fromBusiness: boolean,
  content: MessageContent,
  at: number,
) {
  return tx.conversations.noteMessage(id, {
    at,
    snippet: snippetOf(content),
    fromBusiness,
    ...(fromBusiness && { folder: folderAfterBusinessReply(platformOf(account)) }),
  });
}

export interface RecordedMessage {
  readonly message: NewMessage;
  readonly conversation: ConversationView;
}

/** A person's message to a business: opens the messaging window and counts as unread. */
export async function recordPersonMessage(
  tx: Store,
  account: AccountRow,
  personId: string,
  content: MessageContent,
  at: number,
): Promise<RecordedMessage> {
  const conversation = await ensureConversation(tx, account, personId, at);
  const message = await insertMessage(tx, conversation, false, content, at);
  await noteMessage(tx, account, conversation.id, false, content, at);
  return { message, conversation };
}

/**
 * A business's message in an existing conversation. A reply marks the person's earlier messages read,
 * and on Instagram the first reply moves the conversation to General.
 */
export async function recordBusinessMessage(
  tx: Store,
  account: AccountRow,
  conversation: ConversationView,
  content: MessageContent,
  at: number,
): Promise<RecordedMessage> {
  const message = await insertMessage(tx, conversation, true, content, at);
  await noteMessage(tx, account, conversation.id, true, content, at);
  return { message, conversation };
}

export interface PastMessage {
  readonly fromBusiness: boolean;
  readonly content: MessageContent;
  readonly at: number;
}

/**
 * Messages that happened earlier (a seed's), in time order, in an existing conversation: each with the effects
 * a person's or business's message has, the rows inserted together.
 */
export async function recordPastMessages(
  tx: Store,
  account: AccountRow,
  conversation: ConversationView,
  messages: readonly PastMessage[],
): Promise<void> {
  const seqs = await tx.messages.reserveRows(messages.length);
  await tx.messages.insertMany(
    messages.map((m, i) => messageRow(tx, seqs[i]!, conversation, m.fromBusiness, m.content, m.at)),
  );
  for (const m of messages) await noteMessage(tx, account, conversation.id, m.fromBusiness, m.content, m.at);
}

/** Recounts what a removed or changed message affects: unread count and snippet. */
async function refreshSummary(tx: Store, conversation: ConversationView): Promise<void> {
  const unread = await tx.messages.countFromPersonSince(
    conversation.seq,
    conversation.business_read_at ?? -1,
  );
  const latest = (await tx.messages.list(conversation, { limit: 1 })).items[0];
  await tx.conversations.update(conversation.id, {
    unread_count: unread,
    snippet: latest ? snippetOf(contentOf(latest)) : null,
  });
}

/** Unsends a message: it leaves the conversation's list and counts; its details read as deleted. */
export async function unsendMessage(
  tx: Store,
  message: MessageRow,
  at: number,
): Promise<ConversationView | undefined> {
  const conversation = await tx.conversations.lock(message.conversation_id);
  if (!conversation) throw new Error('message without conversation');
  // Undefined when it was unsent meanwhile: nothing to do twice.
  if (!(await tx.messages.delete(message.seq, at))) return undefined;
  await tx.conversations.update(conversation.id, {}, { message_count: -1 });
  await refreshSummary(tx, conversation);
  return conversation;
}

/** Edits a live message's text; answers its number of edits, or undefined when it was unsent meanwhile. */
export async function editMessage(tx: Store, message: MessageRow, text: string): Promise<number | undefined> {
  const conversation = await tx.conversations.lock(message.conversation_id);
  if (!conversation) throw new Error('message without conversation');
  const edits = await tx.messages.edit(message.seq, text);
  if (edits === undefined) return undefined;
  await refreshSummary(tx, conversation);
  return edits;
}
