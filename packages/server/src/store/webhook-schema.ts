/** The webhook outbox's tables and the rows the worker and the sandbox read from them (see schema.ts). */
import type { WebhookChannel, WebhookObject } from '@parley/protocol';
import type { Generated, Insertable, Selectable } from 'kysely';

export type { WebhookObject };

/**
 * A delivery's own status. `pending` rows follow their stream (see WebhookStreamsTable): delivered once the
 * stream is sent through them. `replay` rows are to be sent again, out of turn, on the sandbox's request.
 * The rest are settled one by one: `delivered` (a replay, or a row from before streams), `failed`, `dropped`.
 */
export type DeliveryStatus = 'pending' | 'replay' | 'delivered' | 'failed' | 'dropped';
/** What the sandbox shows: a `pending` row is delivered once its stream passed it, a replay is pending. */
export type ShownDeliveryStatus = Exclude<DeliveryStatus, 'replay'>;

/** An event webhooks carry: its payload, written once however many apps receive it. */
export interface WebhookEventsTable {
  seq: Generated<number>;
  /** The business account: the entry's `id`. */
  account_id: string;
  /** The messaging item, already serialized as Meta writes JSON. */
  event: string;
  event_time: number;
}

/**
 * The outbox: one row per event per subscribed app, written in the transaction that caused the event. A row
 * is written once; a delivery goes out with its stream, and only what happens to it alone (dropped, given
 * up, replayed) is written to it.
 */
export interface WebhookDeliveriesTable {
  seq: Generated<number>;
  event_seq: number;
  app_id: string;
  object: WebhookObject;
  /** The account the app is installed on: the event's, or the Page for Instagram events on the Page-token path. */
  installed_on: string;
  /** Deliveries with the same key (a conversation's row number) reach the app in order: its stream. */
  order_key: number;
  field: string;
  /** Where the event goes in its `entry[]` item (`messaging`). */
  channel: WebhookChannel;
  status: DeliveryStatus;
  /** Attempts made for this row alone (drops, replays), counted and listed by row number. */
  attempts: Generated<number>;
  attempt_log: string | null;
  last_error: string | null;
  delivered_at: number | null;
  created_at: number;
}

/**
 * An app's stream of one conversation's deliveries, in row order: what was written, what was delivered, and
 * the retry of a refused head. One row per app and conversation; a successful POST moves its marks, so a
 * delivery costs no write of its own.
 */
export interface WebhookStreamsTable {
  app_id: string;
  order_key: number;
  /** The stream's last delivery row. */
  queued_through: number;
  /** Its `pending` rows up to here are delivered. */
  sent_through: number;
  /** While a refused head waits for its retry: the last of its rows. Later rows wait behind them. */
  retry_through: number | null;
  /** Failed attempts of the refused head. */
  attempts: Generated<number>;
  /** Sandbox clock: when the stream may be attempted (its retry, or its first row's event time). */
  next_attempt_at: number;
  /** Real time: a worker holds the stream until then (so one worker at a time sends it). */
  lease_until: number | null;
  last_error: string | null;
  /** Rows of the stream waiting to be replayed. */
  replays: Generated<number>;
}

/** One POST to a callback URL, carrying one or more deliveries. */
export interface WebhookAttemptsTable {
  seq: Generated<number>;
  app_id: string;
  object: WebhookObject;
  callback_url: string;
  attempted_at: number;
  /** The HTTP status, or null when no response came (see error). */
  status_code: number | null;
  error: string | null;
  latency_ms: number;
  response_snippet: string | null;
  /** The sandbox fault applied to this attempt, if any. */
  fault: string | null;
}

/** Which stream rows an attempt carried: every row of the stream from first_seq to last_seq. */
export interface WebhookAttemptRangesTable {
  attempt_seq: number;
  app_id: string;
  order_key: number;
  first_seq: number;
  last_seq: number;
}

export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDelivery = Omit<
  Insertable<WebhookDeliveriesTable>,
  'event_seq' | 'status' | 'attempts' | 'attempt_log' | 'last_error' | 'delivered_at'
>;
/** Every column but the row number named, so that every insert has one shape. */
export type NewWebhookEvent = Omit<Selectable<WebhookEventsTable>, 'seq'>;
export type NewWebhookAttempt = Omit<Selectable<WebhookAttemptsTable>, 'seq'>;
/** A delivery with the event it carries. */
export type DeliveryWithEvent = WebhookDeliveryRow & Omit<Selectable<WebhookEventsTable>, 'seq'>;
/** What the delivery worker reads of a delivery it claims: enough to send it and schedule its retry. */
export interface ClaimedDelivery {
  readonly seq: number;
  readonly status: DeliveryStatus;
  readonly order_key: number;
  readonly installed_on: string;
  readonly channel: WebhookChannel;
  readonly event_seq: number;
  /** When the event happened (the delivery's `created_at`): its retries run for 36 hours from then. */
  readonly event_time: number;
}
/** A stream a worker leased, with its rows to send: its head (or refused head), and any replays. */
export interface ClaimedStream {
  readonly app_id: string;
  readonly object: WebhookObject;
  readonly order_key: number;
  readonly sent_through: number;
  readonly retry_through: number | null;
  readonly attempts: number;
  /** The last row the claim read up to: once all its rows are settled, the stream is sent through it. */
  readonly through: number;
  /** In row order, any status: the ones settled already only mark where the stream's rows are. */
  readonly rows: readonly ClaimedDelivery[];
}
/** A delivery as the sandbox shows it: its status and schedule follow its stream. */
export type DeliveryView = Omit<DeliveryWithEvent, 'status'> & {
  status: ShownDeliveryStatus;
  next_attempt_at: number | null;
  held_back: boolean;
  /** Its attempts, by row number, oldest first. */
  attempt_seqs: number[];
};
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;
