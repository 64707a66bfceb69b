/**
 * The shapes repositories take and answer, beyond the tables' own rows (schema.ts): the views lists read,
 * the notes a message leaves on its conversation, and the webhook outbox's requests and ranges.
 */
import type { AppRole } from '@parley/protocol';
import type { Updateable } from 'kysely';
import type {
  ConversationRow,
  Folder,
  MessageRow,
  ShownDeliveryStatus,
  TokenKind,
  WebhookObject,
  WebhookStreamsTable,
} from './schema.ts';

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

/** An app that receives an account's events for an object, with both field lists that decide which. */
export interface WebhookRoute {
  app_id: string;
  /** The account the app is installed on (see WebhookDeliveriesTable.installed_on). */
  installed_on: string;
  via: TokenKind;
  account_fields: string;
  app_fields: string;
  /** The app's role on the account (conversation routing), if it has one. */
  role: AppRole | null;
  /** The account's primary receiver: null when routing is off (no app has a role on the account). */
  primary_receiver: string | null;
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
  /** Only deliveries whose event holds this id as a JSON string value (a message's, a person's). */
  readonly mentions?: string;
  readonly limit: number;
}
