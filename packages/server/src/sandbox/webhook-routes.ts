/**
 * The sandbox's view of webhooks: every delivery with its attempts, replaying one, and the faults injected
 * into a subscription's deliveries.
 */
import { entryTime, GraphError } from '@parley/protocol';
import { AppQuery, DeliveriesQuery, FaultsChange, FaultsQuery } from '@parley/sandbox';
import { Hono, type Context } from 'hono';
import type { DeliveryView } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { standbyItem } from '../webhooks/entry-cache.ts';
import { hasFaults, parseFaults } from '../webhooks/faults.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody, readQuery } from './input.ts';

async function views(store: Store, deliveries: readonly DeliveryView[]) {
  const attempts = new Map(
    (await store.deliveries.listAttempts(deliveries.flatMap((d) => d.attempt_seqs))).map((a) => [a.seq, a]),
  );
  return deliveries.map((d) => {
    const made = d.attempt_seqs.map((seq) => attempts.get(seq)!);
    return {
      id: String(d.seq),
      app_id: d.app_id,
      object: d.object,
      account_id: d.account_id,
      field: d.field,
      status: d.status,
      event_time: d.event_time,
      created_at: d.created_at,
      ...(d.status === 'pending' && { next_attempt_at: d.next_attempt_at, held_back: d.held_back }),
      // Delivered with its stream: by its last attempt.
      delivered_at: d.delivered_at ?? (d.status === 'delivered' ? (made.at(-1)?.attempted_at ?? null) : null),
      last_error: d.last_error,
      entry: {
        id: d.account_id,
        time: entryTime(d.channel, d.event_time),
        [d.channel]: [JSON.parse(d.channel === 'standby' ? standbyItem(d.event) : d.event) as unknown],
      },
      attempts: made.map((a) => ({
        id: String(a.seq),
        attempted_at: a.attempted_at,
        callback_url: a.callback_url,
        status_code: a.status_code,
        error: a.error,
        latency_ms: a.latency_ms,
        response_snippet: a.response_snippet,
        fault: a.fault,
      })),
    };
  });
}

async function requireDelivery(store: Store, c: Context): Promise<DeliveryView> {
  const id = c.req.param('id') ?? '';
  const delivery = /^\d{1,15}$/.test(id) ? await store.deliveries.get(Number(id)) : undefined;
  if (!delivery) throw new GraphError('sandboxNotFound', { detail: `No webhook delivery ${id}` });
  return delivery;
}

export function webhookRoutes({ store, clock, webhooks }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.get('/webhooks/subscriptions', async (c) => {
    const appId = readQuery(c, AppQuery).app_id;
    const subscriptions = await store.subscriptions.list(appId);
    const installs = await store.subscriptions.listInstalls(appId);
    return c.json({
      installs: installs.map((i) => ({
        app_id: i.app_id,
        account_id: i.account_id,
        via: i.via,
        fields: JSON.parse(i.fields) as string[],
        failing_since: i.failing_since,
        disabled_at: i.disabled_at,
      })),
      data: subscriptions.map((s) => ({
        app_id: s.app_id,
        object: s.object,
        callback_url: s.callback_url,
        fields: JSON.parse(s.fields) as string[],
        faults: parseFaults(s.faults),
      })),
    });
  });

  routes.get('/webhooks/deliveries', async (c) => {
    const query = readQuery(c, DeliveriesQuery);
    const limit = query.limit ?? 50;
    const deliveries = await store.deliveries.list({
      appId: query.app_id,
      object: query.object,
      accountId: query.account_id,
      status: query.status,
      beforeSeq: query.before,
      mentions: query.mentions,
      limit,
    });
    const last = deliveries.at(-1);
    return c.json({
      data: await views(store, deliveries),
      ...(last && deliveries.length === limit && { paging: { before: String(last.seq) } }),
    });
  });

  routes.get('/webhooks/deliveries/:id', async (c) => {
    const [view] = await views(store, [await requireDelivery(store, c)]);
    return c.json(view);
  });

  /** Sends a delivery again, whatever became of it: it is pending and due now. */
  routes.post('/webhooks/deliveries/:id/replay', async (c) => {
    const delivery = await requireDelivery(store, c);
    await store.transaction((tx) => tx.outbox.replay(delivery.seq, clock.now()));
    webhooks.wake();
    const [view] = await views(store, [(await store.deliveries.get(delivery.seq))!]);
    return c.json(view);
  });

  routes.get('/webhooks/attempts/:id/request', (c) => {
    const id = c.req.param('id');
    const request = /^\d{1,15}$/.test(id) ? webhooks.sent.get(Number(id)) : undefined;
    if (!request) {
      throw new GraphError('sandboxNotFound', {
        detail: `The request of attempt ${id} was not kept: requests are kept while a console watches (the latest 200)`,
      });
    }
    return c.json({ callback_url: request.callbackUrl, headers: request.headers, body: request.body });
  });

  routes.get('/faults', async (c) => {
    const subscriptions = await store.subscriptions.list(readQuery(c, AppQuery).app_id);
    return c.json({
      data: subscriptions
        .map((s) => ({ app_id: s.app_id, object: s.object, ...parseFaults(s.faults) }))
        .filter((s) => Object.keys(s).length > 2),
    });
  });

  /** Sets a subscription's faults (replacing those it had); without `object`, those of each of the app's. */
  routes.post('/faults', async (c) => {
    const { app_id: appId, object, faults } = await readBody(c, FaultsChange);
    const subscriptions = (await store.subscriptions.list(appId)).filter(
      (s) => object === undefined || s.object === object,
    );
    if (subscriptions.length === 0) {
      throw new GraphError('sandboxNotFound', {
        detail: `App ${appId} has no webhook subscription${object ? ` for ${object}` : ''}`,
      });
    }
    for (const s of subscriptions) {
      await store.subscriptions.setFaults(appId, s.object, hasFaults(faults) ? JSON.stringify(faults) : null);
    }
    if (object) return c.json({ app_id: appId, object, ...faults });
    return c.json({ data: subscriptions.map((s) => ({ app_id: appId, object: s.object, ...faults })) });
  });

  /** Clears faults: of one subscription, of an app, or all. */
  routes.delete('/faults', async (c) => {
    const { app_id: appId, object } = readQuery(c, FaultsQuery);
    for (const s of await store.subscriptions.list(appId)) {
      if (object === undefined || s.object === object)
        await store.subscriptions.setFaults(s.app_id, s.object, null);
    }
    return c.json({ success: true });
  });

  return routes;
}
