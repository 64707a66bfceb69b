/**
 * The storage interface the rest of the server sees. One implementation (KyselyStore) writes every query
 * once for SQLite and PostgreSQL; the dialect folders only open connections.
 */
import type { MessageIds } from '../graph/message-ids.ts';
import type { PageRequest, Page } from '../graph/paging.ts';
import type { SharedChange } from './postgres/change-feed.ts';
import type {
  AccountRow,
  AppRow,
  CommentRow,
  MediaAssetRow,
  MediaPostRow,
  ConversationRow,
  Folder,
  MessageRow,
  NewConversation,
  NewMessage,
  PersonRow,
  ReactionRow,
  TokenRow,
  ConversationsTable,
  AccountsTable,
  PeopleTable,
} from './schema.ts';
import type { SqlDialectName } from './migrations.ts';
import type { Updateable } from 'kysely';
import type { WebhookStore } from './webhook-store.ts';

/** A conversation with the person's public names, as lists and nodes show it. */
export interface ConversationView extends ConversationRow {
  person_username: string;
  person_name: string | null;
}

/** What a conversation's messages are read by: its row, and what their ids are made of. */
export type ConversationKey = Pick<ConversationRow, 'id' | 'seq' | 'account_id'>;

/**
 * The columns a list reads. Lists read only what the response needs: a row then holds those columns (and its
 * paging key and id), the others are absent.
 */
export type ConversationColumn = keyof ConversationView;
export type MessageColumn = keyof MessageRow;

export interface ConversationQuery {
  readonly accountId: string;
  readonly personId?: string;
  readonly folder?: Folder;
  /** Requests-folder conversations idle since before this time are not returned. */
  readonly hideRequestsIdleBefore?: number;
}

/** A message's mark on its conversation (see `noteMessage`). */
export interface MessageNote {
  readonly at: number;
  readonly snippet: string | null;
  readonly fromBusiness: boolean;
  /** A business reply's folder (Instagram: General); none leaves the folder as it is. */
  readonly folder?: Folder;
}

/** A person's act that reopens the messaging window, or the business marking a conversation seen. */
export interface ActivityNote {
  readonly by: 'person' | 'business';
  readonly at: number;
}

export interface CounterChange {
  readonly message_count?: number;
  readonly unread_count?: number;
}

export interface ScopedIdRow {
  scoped_id: string;
  account_id: string;
  person_id: string;
}

export interface Store extends WebhookStore {
  readonly dialect: SqlDialectName;
  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Runs `callback` once the current transaction has committed (at once outside one; never if it rolls back). */
  afterCommit(callback: () => void): void;
  close(): Promise<void>;
  /**
   * Tells the other processes on this database that state they keep a copy of has changed, when the current
   * transaction commits (PostgreSQL, see postgres/change-feed.ts). Nothing on SQLite, which one process holds.
   */
  announce(change: SharedChange): Promise<void>;
  /** This store's name in the changes it announces: a process does not hear its own. */
  readonly origin: string;
  /** Empties every table but the settings named in `keepSettings`. */
  reset(keepSettings: readonly string[]): Promise<void>;

  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;

  insertApp(app: AppRow): Promise<void>;
  getApp(id: string): Promise<AppRow | undefined>;
  getAppByToken(appToken: string): Promise<AppRow | undefined>;

  insertAccount(account: AccountRow): Promise<void>;
  updateAccount(id: string, patch: Updateable<AccountsTable>): Promise<void>;
  getAccount(id: string): Promise<AccountRow | undefined>;
  getAccountByAppScopedId(id: string): Promise<AccountRow | undefined>;
  getPageLinkedTo(instagramAccountId: string): Promise<AccountRow | undefined>;

  insertPerson(person: PersonRow): Promise<void>;
  updatePerson(id: string, patch: Updateable<PeopleTable>): Promise<void>;
  getPerson(id: string): Promise<PersonRow | undefined>;
  getPersonByUsername(username: string): Promise<PersonRow | undefined>;

  /** Records that a person follows an account; true when it is new. */
  addFollow(personId: string, accountId: string, at: number): Promise<boolean>;
  removeFollow(personId: string, accountId: string): Promise<void>;
  isFollowing(personId: string, accountId: string): Promise<boolean>;

  /** Inserts unless the account already has a scoped id for the person; answers the id that holds. */
  ensureScopedId(row: ScopedIdRow & { created_at: number }): Promise<string>;
  getScopedIdFor(accountId: string, personId: string): Promise<string | undefined>;
  /** The person blocks the account (a time) or unblocks it (null); their scoped id must exist. */
  setBlocked(accountId: string, personId: string, at: number | null): Promise<void>;
  getScopedId(scopedId: string): Promise<(ScopedIdRow & { blocked_at: number | null }) | undefined>;

  insertToken(token: TokenRow): Promise<void>;
  getToken(token: string): Promise<TokenRow | undefined>;

  /** Inserts unless the account already has a conversation with the person. */
  insertConversation(conversation: NewConversation): Promise<void>;
  /** Sets columns and adds to the counters in one statement (safe under concurrent writers). */
  updateConversation(id: string, patch: Updateable<ConversationsTable>, add?: CounterChange): Promise<void>;
  /**
   * A new message's effects on its conversation, in one statement that reads nothing first (so concurrent
   * writers cannot undo each other): one more message; the time and snippet, unless the message is older than
   * the latest; a person's message counts unread and moves their last activity; a business reply clears the
   * unread count and sets its read, first-reply and folder marks.
   */
  noteMessage(id: string, note: MessageNote): Promise<void>;
  /**
   * Moves the person's last activity (by: person) or the business's read mark, clearing the unread count
   * (by: business), forward to `at`, never back: one statement, as `noteMessage`.
   */
  noteActivity(id: string, activity: ActivityNote): Promise<void>;
  getConversation(id: string): Promise<ConversationView | undefined>;
  getConversationFor(accountId: string, personId: string): Promise<ConversationView | undefined>;
  /** The conversation as it stands, its row locked to this transaction (PostgreSQL), to be changed. */
  lockConversation(id: string): Promise<ConversationView | undefined>;
  listConversations(
    query: ConversationQuery,
    page: PageRequest,
    columns?: readonly ConversationColumn[],
  ): Promise<Page<ConversationView>>;

  /** The server's secret, made on the store's first open (see server-secret.ts). */
  readonly serverSecret: Buffer;
  /** How message ids are made: a new message's id carries the row number reserved for it. */
  readonly messageIds: MessageIds;
  /** Row numbers for new messages, each handed out once. */
  reserveMessageRows(count: number): Promise<number[]>;
  insertMessage(message: NewMessage): Promise<void>;
  insertMessages(messages: readonly NewMessage[]): Promise<void>;
  /** Marks a live message deleted; false when it was deleted already. */
  deleteMessage(seq: number, at: number): Promise<boolean>;
  /** Replaces a live message's text, counting the edit; its edits so far, or undefined when it is deleted. */
  editMessage(seq: number, text: string): Promise<number | undefined>;
  getMessage(id: string): Promise<MessageRow | undefined>;
  /** A message with its conversation, and how many live messages are newer (up to `newerUpTo`), in one read. */
  getMessageWithConversation(
    id: string,
    newerUpTo: number,
  ): Promise<{ message: MessageRow; conversation: ConversationView; newer: number } | undefined>;
  /** Messages not deleted, newest first. */
  listMessages(
    conversation: ConversationKey,
    page: PageRequest,
    columns?: readonly MessageColumn[],
  ): Promise<Page<MessageRow>>;
  /** How many live messages of the conversation are newer than `key`, counting no further than `atMost`. */
  countNewerMessages(
    conversationSeq: number,
    key: { created_at: number; seq: number },
    atMost: number,
  ): Promise<number>;
  /** Messages from the person after `since` not deleted. */
  countPersonMessagesSince(conversationSeq: number, since: number): Promise<number>;

  insertMediaAsset(asset: MediaAssetRow): Promise<void>;
  getMediaAsset(id: string): Promise<MediaAssetRow | undefined>;

  insertMediaPost(post: MediaPostRow): Promise<void>;
  getMediaPost(id: string): Promise<MediaPostRow | undefined>;

  insertComment(comment: CommentRow): Promise<void>;
  getComment(id: string): Promise<CommentRow | undefined>;
  /** Records the private reply to a comment unless it already has one; true when this one took. */
  claimPrivateReply(commentId: string, mid: string): Promise<boolean>;

  upsertReaction(reaction: ReactionRow): Promise<void>;
  deleteReaction(messageId: string, reactor: string): Promise<boolean>;
  listReactions(messageId: string): Promise<ReactionRow[]>;
}
