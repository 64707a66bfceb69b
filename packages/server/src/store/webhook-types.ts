/** The shapes the webhook repositories take and answer (repositories/webhook-*.ts). */
import type { Updateable } from 'kysely';
import type { TokenKind, WebhookObject, WebhookStreamsTable, ShownDeliveryStatus } from './schema.ts';

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
