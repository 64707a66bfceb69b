/**
 * The storage the rest of the server sees: a database context with one repository per concern, each written
 * once with Kysely for SQLite and PostgreSQL (repositories/); the dialect folders only open connections.
 */
import type { SharedChange } from './postgres/change-feed.ts';
import type { ConversationRow, Folder, MessageRow } from './schema.ts';
import type { SqlDialectName } from './migrations.ts';
import type { AccountsRepository } from './repositories/accounts.ts';
import type { AppsRepository } from './repositories/apps.ts';
import type { ConversationsRepository } from './repositories/conversations.ts';
import type { MediaRepository } from './repositories/media.ts';
import type { MessagesRepository } from './repositories/messages.ts';
import type { PeopleRepository } from './repositories/people.ts';
import type { PostsRepository } from './repositories/posts.ts';
import type { ReactionsRepository } from './repositories/reactions.ts';
import type { SettingsRepository } from './repositories/settings.ts';
import type { TokensRepository } from './repositories/tokens.ts';
import type { WebhookOutboxRepository } from './repositories/webhook-outbox.ts';
import type { WebhookStreamsRepository } from './repositories/webhook-streams.ts';
import type { WebhookSubscriptionsRepository } from './repositories/webhook-subscriptions.ts';
import type { WebhookDeliveriesView } from './repositories/webhook-views.ts';

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

export interface Store {
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
  /** The server's secret, made on the store's first open (see server-secret.ts). */
  readonly serverSecret: Buffer;
  /** Empties every table but the settings named in `keepSettings`. */
  reset(keepSettings: readonly string[]): Promise<void>;

  readonly settings: SettingsRepository;
  readonly apps: AppsRepository;
  readonly accounts: AccountsRepository;
  readonly people: PeopleRepository;
  readonly tokens: TokensRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly reactions: ReactionsRepository;
  readonly media: MediaRepository;
  readonly posts: PostsRepository;
  readonly subscriptions: WebhookSubscriptionsRepository;
  readonly outbox: WebhookOutboxRepository;
  readonly streams: WebhookStreamsRepository;
  /** The sandbox's view of deliveries, their state and attempts. */
  readonly deliveries: WebhookDeliveriesView;
}
