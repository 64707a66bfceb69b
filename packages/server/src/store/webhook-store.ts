/** The storage webhooks need: subscriptions, the outbox of events and their deliveries, and the attempts made. */
import type { Updateable } from 'kysely';
import type {
  AccountSubscriptionRow,
  ClaimedStream,
  DeliveryView,
  NewWebhookDelivery,
  NewWebhookAttempt,
  NewWebhookEvent,
  TokenKind,
  WebhookAttemptRow,
  WebhookDeliveriesTable,
  WebhookEventRow,
  WebhookObject,
  WebhookStreamsTable,
  ShownDeliveryStatus,
  WebhookSubscriptionRow,
} from './schema.ts';

/** An app that receives an account's events for an object, with both field lists that decide which. */
export interface WebhookRoute {
  app_id: string;
  /** The account the app is installed on (see WebhookDeliveriesTable.installed_on). */
  installed_on: string;
  via: TokenKind;
  account_fields: string;
  app_fields: string;
}

export interface ClaimRequest {
  /** Sandbox clock: deliveries due by then. */
  readonly now: number;
  /** Real time: leases that ended before then are free. */
  readonly realNow: number;
  readonly leaseUntil: number;
  readonly limit: number;
}

/** What a round of sending changes in a stream; `replays_settled` of its replays are done with. */
export type StreamPatch = Omit<Updateable<WebhookStreamsTable>, 'app_id' | 'order_key' | 'replays'> & {
  readonly replays_settled?: number;
};

/** Rows of one stream an attempt carried: all of them from `first_seq` to `last_seq`. */
export interface CarriedRange {
  readonly order_key: number;
  readonly first_seq: number;
  readonly last_seq: number;
}

export interface DeliveryFilter {
  readonly appId?: string;
  readonly object?: WebhookObject;
  readonly accountId?: string;
  readonly status?: ShownDeliveryStatus;
  /** Only deliveries older than this one (paging, newest first). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

export interface WebhookStore {
  /** Inserts or replaces the app's subscription for its object. */
  putWebhookSubscription(row: WebhookSubscriptionRow): Promise<void>;
  getWebhookSubscription(appId: string, object: WebhookObject): Promise<WebhookSubscriptionRow | undefined>;
  listWebhookSubscriptions(appId?: string): Promise<WebhookSubscriptionRow[]>;
  /** Removes the app's subscription for one object, or for all when none is named. */
  deleteWebhookSubscriptions(appId: string, object?: WebhookObject): Promise<void>;
  setWebhookFaults(appId: string, object: WebhookObject, faults: string | null): Promise<void>;

  /** Installs (or re-installs, clearing a disable) an app on an account. */
  putAccountSubscription(row: AccountSubscriptionRow): Promise<void>;
  /** The apps installed on an account and not disabled. */
  listAccountSubscriptions(accountId: string): Promise<AccountSubscriptionRow[]>;
  deleteAccountSubscription(accountId: string, appId: string): Promise<void>;
  /** Apps that receive this account's events for the object: installed on it, or on the Page linked to it. */
  webhookRoutes(accountId: string, object: WebhookObject): Promise<WebhookRoute[]>;

  /**
   * Stores an event and its deliveries, one per app that receives it, each at the end of its stream; answers
   * the event's row.
   */
  insertWebhookEvent(event: NewWebhookEvent, deliveries: readonly NewWebhookDelivery[]): Promise<number>;
  /** The events of these rows (those that exist). */
  listWebhookEvents(eventSeqs: readonly number[]): Promise<WebhookEventRow[]>;
  /**
   * Leases due streams, those due first, with their rows to send (up to `limit` in all): a stream's refused
   * head alone while it is retried, else its rows not yet sent; and its replays. Runs inside a transaction.
   */
  claimWebhookStreams(request: ClaimRequest): Promise<ClaimedStream[]>;
  /** Whether a claim now would find a stream (a read, outside any transaction, that locks nothing). */
  hasDueWebhookStreams(now: number, realNow: number): Promise<boolean>;
  /** Leases an app's streams until then, or frees them (null). */
  leaseWebhookStreams(appId: string, orderKeys: readonly number[], until: number | null): Promise<void>;
  /** Frees every lease (a single-process store, starting up). */
  releaseWebhookLeases(): Promise<void>;
  updateWebhookStream(appId: string, orderKey: number, patch: StreamPatch): Promise<void>;
  /** Settles deliveries one by one (dropped, given up, a replay delivered); with an attempt, logs it. */
  updateWebhookDeliveries(
    seqs: readonly number[],
    patch: Updateable<WebhookDeliveriesTable>,
    attemptSeq?: number,
  ): Promise<void>;
  /** Gives up on the deliveries not yet sent of an app installed on one account; their streams go on. */
  failPendingWebhookDeliveries(appId: string, accountId: string, error: string, at: number): Promise<void>;
  /** Records a POST and the stream rows it carried. */
  insertWebhookAttempt(attempt: NewWebhookAttempt, carried: readonly CarriedRange[]): Promise<number>;
  /** Sends a delivery again, whatever became of it, with its stream, now. */
  replayWebhookDelivery(seq: number, now: number): Promise<void>;
  /** Starts the failure clock of these accounts' subscriptions to the app (if not running); answers them. */
  markWebhookFailing(
    appId: string,
    accountIds: readonly string[],
    at: number,
  ): Promise<AccountSubscriptionRow[]>;
  clearWebhookFailing(appId: string, accountIds: readonly string[]): Promise<void>;
  disableAccountSubscription(accountId: string, appId: string, at: number): Promise<void>;

  listWebhookDeliveries(filter: DeliveryFilter): Promise<DeliveryView[]>;
  getWebhookDelivery(seq: number): Promise<DeliveryView | undefined>;
  listWebhookAttempts(attemptSeqs: readonly number[]): Promise<WebhookAttemptRow[]>;
}
