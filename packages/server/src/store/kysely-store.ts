/**
 * The store: a database context and one repository per concern over it. A transaction is the same store over
 * the transaction's connection; what waits for its commit is collected on it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { type DbContext } from './db-context.ts';
import { MESSAGE_ROWS_USED_KEY, TABLES, lastMessageRow } from './tables.ts';
import { announceChange, type SharedChange } from './postgres/shared-change.ts';
import { AccountsRepository } from './repositories/accounts.ts';
import { AppsRepository } from './repositories/apps.ts';
import { ConversationsRepository } from './repositories/conversations.ts';
import { MediaRepository } from './repositories/media.ts';
import { MessengerProfilesRepository } from './repositories/messenger-profiles.ts';
import { WelcomeMessageFlowsRepository } from './repositories/welcome-message-flows.ts';
import { ConversationRoutingRepository } from './repositories/conversation-routing.ts';
import { PersonasRepository } from './repositories/personas.ts';
import { MessagesRepository } from './repositories/messages.ts';
import { OptinsRepository } from './repositories/optins.ts';
import { PeopleRepository } from './repositories/people.ts';
import { PostsRepository } from './repositories/posts.ts';
import { ProductsRepository } from './repositories/products.ts';
import { ReactionsRepository } from './repositories/reactions.ts';
import { SettingsRepository } from './repositories/settings.ts';
import { TokensRepository } from './repositories/tokens.ts';
import { GrantsRepository } from './repositories/grants.ts';
import { RolesRepository } from './repositories/roles.ts';
import { WebhookOutboxRepository } from './repositories/webhook-outbox.ts';
import { WebhookStreamsRepository } from './repositories/webhook-streams.ts';
import { WebhookSubscriptionsRepository } from './repositories/webhook-subscriptions.ts';
import { WebhookDeliveriesView } from './repositories/webhook-views.ts';
import type { Database } from './schema.ts';
import type { GroupCommit } from './sqlite/group-commit.ts';
import type { Store } from './store.ts';

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);
const TRANSIENT_ATTEMPTS = 5;

function isTransientFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** What a store shares with the stores of its transactions. */
export interface StoreShared {
  readonly serverSecret: Buffer;
  /** This store's name in the changes it announces (postgres/change-feed.ts), so that it ignores its own. */
  readonly origin: string;
  /** SQLite only: transactions share commits (see sqlite/group-commit.ts). */
  readonly groupCommit?: GroupCommit;
  /** Transactions committed through this store, in this process (see Store.commits). */
  readonly committed: { count: number };
}

export class KyselyStore implements Store {
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
  readonly messengerProfiles: MessengerProfilesRepository;
  readonly welcomeMessageFlows: WelcomeMessageFlowsRepository;
  readonly routing: ConversationRoutingRepository;
  readonly personas: PersonasRepository;
  readonly subscriptions: WebhookSubscriptionsRepository;
  readonly outbox: WebhookOutboxRepository;
  readonly streams: WebhookStreamsRepository;
  readonly deliveries: WebhookDeliveriesView;

  constructor(
    private readonly ctx: DbContext,
    private readonly shared: StoreShared,
    /** Inside a transaction: what runs once it commits. */
    private readonly commitCallbacks?: (() => void)[],
  ) {
    this.settings = new SettingsRepository(ctx);
    this.apps = new AppsRepository(ctx);
    this.accounts = new AccountsRepository(ctx);
    this.people = new PeopleRepository(ctx);
    this.tokens = new TokensRepository(ctx);
    this.roles = new RolesRepository(ctx);
    this.grants = new GrantsRepository(ctx);
    this.conversations = new ConversationsRepository(ctx);
    this.messages = new MessagesRepository(ctx);
    this.reactions = new ReactionsRepository(ctx);
    this.media = new MediaRepository(ctx);
    this.posts = new PostsRepository(ctx);
    this.optins = new OptinsRepository(ctx);
    this.products = new ProductsRepository(ctx);
    this.messengerProfiles = new MessengerProfilesRepository(ctx);
    this.welcomeMessageFlows = new WelcomeMessageFlowsRepository(ctx);
    this.routing = new ConversationRoutingRepository(ctx);
    this.personas = new PersonasRepository(ctx);
    this.subscriptions = new WebhookSubscriptionsRepository(ctx);
    this.streams = new WebhookStreamsRepository(ctx);
    this.outbox = new WebhookOutboxRepository(ctx, this.streams);
    this.deliveries = new WebhookDeliveriesView(ctx);
  }

  get dialect() {
    return this.ctx.dialect;
  }

  get origin() {
    return this.shared.origin;
  }

  get serverSecret() {
    return this.shared.serverSecret;
  }

  /**
   * Runs `work` in one transaction (joining the caller's, if any). PostgreSQL may abort a transaction that
   * deadlocked or could not be serialized; it is then run again from the start, as often as
   * `TRANSIENT_ATTEMPTS` allows, since nothing of it was stored.
   */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.ctx.db.isTransaction) return work(this);
    for (let attempt = 1; ; attempt++) {
      const afterCommit: (() => void)[] = [];
      const { groupCommit } = this.shared;
      try {
        // (Arrow functions passed straight on: the TypeScript runner names each one kept in a variable.)
        const result = await (groupCommit
          ? groupCommit.run((trx) => this.within(trx, work, afterCommit))
          : this.ctx.db.transaction().execute((trx) => this.within(trx, work, afterCommit)));
        this.shared.committed.count++;
        for (const callback of afterCommit) callback();
        return result;
      } catch (error) {
        if (attempt >= TRANSIENT_ATTEMPTS || !isTransientFailure(error)) throw error;
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  /** `work` on a store over an open transaction; `afterCommit` collects what waits for its commit. */
  private within<T>(
    trx: Kysely<Database>,
    work: (tx: Store) => Promise<T>,
    afterCommit: (() => void)[],
  ): Promise<T> {
    return work(new KyselyStore(this.ctx.within(trx), this.shared, afterCommit));
  }

  get commits(): number {
    return this.shared.committed.count;
  }

  afterCommit(callback: () => void): void {
    if (this.commitCallbacks) this.commitCallbacks.push(callback);
    else callback();
  }

  async close(): Promise<void> {
    await this.ctx.db.destroy();
  }

  async announce(change: SharedChange): Promise<void> {
    if (this.dialect === 'postgres') await announceChange(this.ctx.db, change, this.origin);
  }

  async reset(keepSettings: readonly string[]): Promise<void> {
    const rows = this.ctx.messageRows;
    await this.transaction(async (tx) => {
      const { db } = (tx as KyselyStore).ctx;
      const used = Math.max(await lastMessageRow(db), rows.kind === 'counter' ? rows.last : 0);
      for (const table of TABLES) {
        if (table === 'settings') {
          await db
            .deleteFrom('settings')
            .where('key', 'not in', [...keepSettings, MESSAGE_ROWS_USED_KEY])
            .execute();
        } else {
          await db.deleteFrom(table).execute();
        }
      }
      await tx.settings.set(MESSAGE_ROWS_USED_KEY, String(used));
    });
  }
}
