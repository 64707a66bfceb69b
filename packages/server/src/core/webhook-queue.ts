/** Webhooks as a request or the sandbox uses them: events queued in a transaction, callbacks verified. */
import type { WebhookEventKind } from '@parley/protocol';
import type { AccountRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

/** One event for one business account, before it is routed to the apps subscribed to it. */
export interface WebhookEvent {
  readonly kind: WebhookEventKind;
  readonly account: AccountRow;
  /**
   * What orders it: events with the same key reach an app in the order they happened. A conversation's row
   * number for messaging events; `CHANGES_ORDER_KEY` for comments and mentions.
   */
  readonly orderKey: number;
  readonly time: number;
  /** The event's item, serialized as Meta writes JSON. */
  readonly json: string;
  /** The one app it is for (a `messaging_handovers` `app_roles` event names each app's own role). */
  readonly app?: string;
}

export interface WebhookQueue {
  /** Queues events (undefined ones are skipped) in the caller's transaction; delivered once it commits. */
  emit(tx: Store, events: readonly (WebhookEvent | undefined)[]): Promise<void>;
  /** Meta's verification handshake with a callback URL; throws Meta's error when it fails. */
  verifyCallback(callbackUrl: string, verifyToken: string): Promise<void>;
}

/** The order key of every `changes` event: an app hears comments and mentions in the order they happened. */
export const CHANGES_ORDER_KEY = 0;
