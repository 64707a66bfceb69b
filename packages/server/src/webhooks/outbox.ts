/**
 * The outbox: events become deliveries, one per subscribed app, in the transaction of the change that caused
 * them. Nothing is sent here: once the transaction commits, the events' entries are cached for the delivery
 * worker, and it is woken. On an account with conversation routing, the app controlling a thread hears its
 * events on `messaging`, the others with a role on `standby` (routing.ts).
 */
import { channelOf, isRouted, STANDBY_FIELD, webhookFieldOf } from '@parley/protocol';
import type { NewWebhookDelivery, WebhookObject } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { WebhookRoute } from '../store/shapes.ts';
import { entryOf, type WebhookEntryCache } from './entry-cache.ts';
import { includesField } from './fields.ts';
import { ownerOfThread, routedTo } from './routing.ts';
import type { WebhookEvent } from '../core/webhook-queue.ts';

/** Field lists as stored (JSON text) are few and reused: parse each once. */
const parsedLists = new Map<string, readonly string[]>();

function fieldList(json: string): readonly string[] {
  let list = parsedLists.get(json);
  if (!list) {
    if (parsedLists.size > 1000) parsedLists.clear();
    list = JSON.parse(json) as string[];
    parsedLists.set(json, list);
  }
  return list;
}

/** One route per app: an app installed both through Instagram Login and on the linked Page hears once. */
function oneRoutePerApp(routes: readonly WebhookRoute[]): WebhookRoute[] {
  const byApp = new Map<string, WebhookRoute>();
  for (const route of routes) {
    const seen = byApp.get(route.app_id);
    if (!seen || (seen.via === 'page' && route.via === 'instagram')) byApp.set(route.app_id, route);
  }
  return [...byApp.values()];
}

export class WebhookOutbox {
  /** @param committed called after a transaction that queued deliveries commits */
  constructor(
    private readonly entries: WebhookEntryCache,
    private readonly committed: () => void,
  ) {}

  /** Queues the events (undefined ones are skipped) for every app subscribed to their field. */
  async emit(tx: Store, events: readonly (WebhookEvent | undefined)[]): Promise<void> {
    // Cached only once committed: a rolled-back event's row number can be drawn again.
    const queued: { seq: number; entry: Buffer }[] = [];
    const routesOf = new Map<string, WebhookRoute[]>();
    const owners = new Map<number, string>();
    let inserted = false;
    for (const event of events) {
      if (!event) continue;
      const { account } = event;
      const object: WebhookObject = account.type === 'instagram' ? 'instagram' : 'page';
      let routes = routesOf.get(account.id);
      if (!routes) {
        routes = oneRoutePerApp(await tx.subscriptions.routes(account.id, object));
        routesOf.set(account.id, routes);
      }
      // Every route carries the account's primary receiver: none means no routing, and no other statement.
      const primary = routes[0]?.primary_receiver ?? null;
      const owner =
        primary !== null && isRouted(event.kind)
          ? await ownerOfThread(tx, event, primary, owners)
          : undefined;
      const channel = channelOf(event.kind);
      let onOwnChannel = false;
      const deliveries: NewWebhookDelivery[] = [];
      for (const route of routes) {
        if (event.app !== undefined && route.app_id !== event.app) continue;
        const heard = owner === undefined ? 'own' : routedTo(route, owner);
        if (!heard) continue;
        const standby = heard === 'standby';
        const field = standby ? STANDBY_FIELD : webhookFieldOf(event.kind, object, route.via);
        if (!includesField(fieldList(route.app_fields), field)) continue;
        // A Page's own field list names Page fields; its linked Instagram account's events follow the app's.
        const accountDecides = !(object === 'instagram' && route.via === 'page');
        if (accountDecides && !includesField(fieldList(route.account_fields), field)) continue;
        onOwnChannel ||= !standby;
        deliveries.push({
          app_id: route.app_id,
          object,
          installed_on: route.installed_on,
          order_key: event.orderKey,
          field,
          channel: standby ? 'standby' : channel,
          created_at: event.time,
        });
      }
      if (deliveries.length === 0) continue;
      const row = { account_id: account.id, event: event.json, event_time: event.time };
      const seq = await tx.outbox.insertEvent(row, deliveries);
      inserted = true;
      if (onOwnChannel) queued.push({ seq, entry: entryOf(account.id, event.time, event.json, channel) });
    }
    if (!inserted) return;
    tx.afterCommit(() => {
      for (const { seq, entry } of queued) this.entries.add(seq, entry);
      this.committed();
    });
  }
}
