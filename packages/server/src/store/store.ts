/**
 * The storage the rest of the server sees: a database context with one repository per concern, each written
 * once with Kysely for SQLite and PostgreSQL (repositories/); the dialect folders open connections and hold
 * what only one dialect has.
 */
export type * from './shapes.ts';
import type { SharedChange } from './postgres/shared-change.ts';
import type { SqlDialectName } from './migrations.ts';
import type { AccountsRepository } from './repositories/accounts.ts';
import type { AppsRepository } from './repositories/apps.ts';
import type { ConversationsRepository } from './repositories/conversations.ts';
import type { MediaRepository } from './repositories/media.ts';
import type { MessengerProfilesRepository } from './repositories/messenger-profiles.ts';
import type { WelcomeMessageFlowsRepository } from './repositories/welcome-message-flows.ts';
import type { ConversationRoutingRepository } from './repositories/conversation-routing.ts';
import type { PersonasRepository } from './repositories/personas.ts';
import type { MessagesRepository } from './repositories/messages.ts';
import type { OptinsRepository } from './repositories/optins.ts';
import type { PeopleRepository } from './repositories/people.ts';
import type { PostsRepository } from './repositories/posts.ts';
import type { ProductsRepository } from './repositories/products.ts';
import type { ReactionsRepository } from './repositories/reactions.ts';
import type { SettingsRepository } from './repositories/settings.ts';
import type { TokensRepository } from './repositories/tokens.ts';
import type { GrantsRepository } from './repositories/grants.ts';
import type { RolesRepository } from './repositories/roles.ts';
import type { WebhookOutboxRepository } from './repositories/webhook-outbox.ts';
import type { WebhookStreamsRepository } from './repositories/webhook-streams.ts';
import type { WebhookSubscriptionsRepository } from './repositories/webhook-subscriptions.ts';
import type { WebhookDeliveriesView } from './repositories/webhook-views.ts';

export interface Store {
  readonly dialect: SqlDialectName;
  /** Runs `work` in one transaction: everything it writes lands together or not at all. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * How many transactions this process has committed through the store: what changed since a number was read
   * (the console's live view polls it). Other processes' commits on a shared PostgreSQL database are not counted.
   */
  readonly commits: number;
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
  readonly roles: RolesRepository;
  readonly grants: GrantsRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly reactions: ReactionsRepository;
  readonly media: MediaRepository;
  readonly posts: PostsRepository;
  readonly optins: OptinsRepository;
  readonly products: ProductsRepository;
  /** The Messenger Profile API's properties of Pages and Instagram accounts. */
  readonly messengerProfiles: MessengerProfilesRepository;
  readonly welcomeMessageFlows: WelcomeMessageFlowsRepository;
  /** Conversation routing: apps' roles on accounts, and who controls each thread. */
  readonly routing: ConversationRoutingRepository;
  readonly personas: PersonasRepository;
  readonly subscriptions: WebhookSubscriptionsRepository;
  readonly outbox: WebhookOutboxRepository;
  readonly streams: WebhookStreamsRepository;
  /** The sandbox's view of deliveries, their state and attempts. */
  readonly deliveries: WebhookDeliveriesView;
}
