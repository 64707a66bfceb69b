/**
 * Conversation routing as deliveries see it (spec §10.4): on an account with a primary receiver, a thread's
 * events go on `messaging` to the app that controls it, and on `standby` to the other apps with a role on the
 * account (under the `standby` field they subscribe to); apps without a role hear none of them.
 */
import type { WebhookEvent } from '../core/webhook-queue.ts';
import { ownerOf } from '../messaging/conversation-routing.ts';
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
  owners: Map<number, string>,
): Promise<string> {
  const known = owners.get(event.orderKey);
  if (known !== undefined) return known;
  const control = await tx.routing.control(event.account.id, event.orderKey, event.time);
  const owner = ownerOf(control) ?? primary;
  owners.set(event.orderKey, owner);
  return owner;
}

/**
 * Where an app hears an event of a thread `owner` controls: on the event's own channel (it controls the thread),
 * on `standby` (another app does, and it has a role on the account), or not at all (it has none).
 */
export function routedTo(route: WebhookRoute, owner: string): 'own' | 'standby' | undefined {
  if (route.role === null) return undefined;
  return route.app_id === owner ? 'own' : 'standby';
}
