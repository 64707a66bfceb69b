/**
 * Conversation routing as deliveries see it (spec §10.4): on an account with a primary receiver, a thread's
 * events go on `messaging` to the app that controls it, and on `standby` to the other apps with a role on the
 * account (under the `standby` field they subscribe to); apps without a role hear none of them.
 */
import {
  channelOf,
  STANDBY_FIELD,
  webhookFieldOf,
  type WebhookChannel,
  type WebhookEventKind,
} from '@parley/protocol';
import type { WebhookEvent } from '../core/webhook-queue.ts';
import { ownerOf } from '../messaging/conversation-routing.ts';
import type { WebhookObject } from '../store/schema.ts';
import type { WebhookRoute } from '../store/shapes.ts';
import type { Store } from '../store/store.ts';

/**
 * The app controlling the event's thread when it happened: one statement per thread, asked only on accounts
 * with routing (`owners` keeps the answers of one `emit`).
 */
export async function ownerOfThread(
  tx: Store,
  event: WebhookEvent,
  primary: string,
  owners: Map<number, string | null>,
): Promise<string | null> {
  const known = owners.get(event.orderKey);
  if (known !== undefined) return known;
  const control = await tx.routing.control(event.account.id, event.orderKey, event.time);
  const owner = ownerOf({ primary, holder: control.holder });
  owners.set(event.orderKey, owner);
  return owner;
}

/**
 * The field and channel an app hears an event under, or none. `owner` is the thread's controlling app, undefined
 * when routing does not apply (the account has none, or the event is not a thread's messaging event).
 */
export function deliveryOf(
  kind: WebhookEventKind,
  object: WebhookObject,
  route: WebhookRoute,
  owner: string | null | undefined,
): { field: string; channel: WebhookChannel } | undefined {
  if (owner !== undefined) {
    if (route.role === null) return undefined;
    if (route.app_id !== owner) return { field: STANDBY_FIELD, channel: 'standby' };
  }
  return { field: webhookFieldOf(kind, object, route.via), channel: channelOf(kind) };
}
