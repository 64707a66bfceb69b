/** The storage webhooks need: subscriptions, the outbox of events and their deliveries, and the attempts made. */
import type { Insertable, Updateable } from 'kysely';
import type {
  AccountSubscriptionRow,
  DeliveryStatus,
  ClaimedDelivery,
  DeliveryWithEvent,
  NewWebhookDelivery,
  NewWebhookEvent,
  TokenKind,
  WebhookAttemptRow,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookObject,
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

export interface DeliveryFilter {
  readonly appId?: string;
  readonly object?: WebhookObject;
  readonly accountId?: string;
  readonly status?: DeliveryStatus;
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
   * Stores an event and its deliveries, one per app that receives it. A delivery whose conversation has an
   * earlier one waiting for a retry (or held) for the same app is stored held.
   */
  insertWebhookEvent(event: NewWebhookEvent, deliveries: readonly NewWebhookDelivery[]): Promise<void>;
  /**
   * Leases due deliveries, oldest first, none held and none whose conversation has an earlier delivery still
   * pending elsewhere (in flight or waiting to retry). Runs inside a transaction.
   */
  claimWebhookDeliveries(request: ClaimRequest): Promise<ClaimedDelivery[]>;
  /** Holds the pending deliveries of an app's conversation that come after `afterSeq` (its refused events). */
  holdWebhookDeliveries(appId: string, orderKey: number, afterSeq: number): Promise<void>;
  /** Lets the held deliveries of these conversations be claimed again (their refused events are settled). */
  releaseHeldWebhookDeliveries(appId: string, orderKeys: readonly number[]): Promise<void>;
  /** Frees every lease (a single-process store, starting up). */
  releaseWebhookLeases(): Promise<void>;
  /** Changes deliveries; with an attempt, counts it and adds it to their log. */
  updateWebhookDeliveries(
    seqs: readonly number[],
    patch: Updateable<WebhookDeliveriesTable>,
    attemptSeq?: number,
  ): Promise<void>;
  /** Gives up on the pending deliveries of an app installed on one account. */
  failPendingWebhookDeliveries(appId: string, accountId: string, error: string): Promise<void>;
  insertWebhookAttempt(attempt: Insertable<WebhookAttemptsTable>): Promise<number>;
  /** Starts the failure clock of these accounts' subscriptions to the app (if not running); answers them. */
  markWebhookFailing(
    appId: string,
    accountIds: readonly string[],
    at: number,
  ): Promise<AccountSubscriptionRow[]>;
  clearWebhookFailing(appId: string, accountIds: readonly string[]): Promise<void>;
  disableAccountSubscription(accountId: string, appId: string, at: number): Promise<void>;

  listWebhookDeliveries(filter: DeliveryFilter): Promise<DeliveryWithEvent[]>;
  getWebhookDelivery(seq: number): Promise<DeliveryWithEvent | undefined>;
  listWebhookAttempts(attemptSeqs: readonly number[]): Promise<WebhookAttemptRow[]>;
}
