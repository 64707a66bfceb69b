/** The webhook outbox: events, their deliveries and attempts, written once for SQLite and PostgreSQL. */
import { sql, type Insertable, type Updateable } from 'kysely';
import { KyselyWebhookSubscriptions } from './kysely-webhook-subscriptions.ts';
import type {
  DeliveryStatus,
  NewWebhookDelivery,
  NewWebhookEvent,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
} from './schema.ts';
import type { ClaimRequest, DeliveryFilter, WebhookStore } from './webhook-store.ts';

/** Literals, so that SQLite (which cannot prove a bound parameter matches) uses the partial indexes. */
const PENDING = sql.lit<DeliveryStatus>('pending');
const HELD = sql.lit<number>(1);
const NOT_HELD = sql.lit<number>(0);

export abstract class KyselyWebhooks extends KyselyWebhookSubscriptions implements WebhookStore {
  async insertWebhookEvent(event: NewWebhookEvent, deliveries: readonly NewWebhookDelivery[]) {
    const { seq } = await this.db
      .insertInto('webhook_events')
      .values(event)
      .returning('seq')
      .executeTakeFirstOrThrow();
    const rows = [];
    for (const d of deliveries) {
      const held = await this.heldBack(d.app_id, d.order_key, d.next_attempt_at);
      rows.push({ ...d, event_seq: seq, held: held ? 1 : 0 });
    }
    await this.db.insertInto('webhook_deliveries').values(rows).execute();
  }

  /** Whether an app's conversation has a delivery waiting for a retry after `now`, or held. */
  private async heldBack(appId: string, orderKey: number, now: number): Promise<boolean> {
    // Two probes, each answered by its own small index, rather than one scan of the conversation's backlog.
    const pending = (a: { appId: string; orderKey: number }) =>
      this.db
        .selectFrom('webhook_deliveries')
        .select('seq')
        .where('status', '=', PENDING)
        .where('app_id', '=', a.appId)
        .where('order_key', '=', a.orderKey)
        .limit(1);
    const waiting = await this.first('webhookWaiting', { appId, orderKey, now }, (a) =>
      pending(a).where('next_attempt_at', '>', a.now),
    );
    if (waiting) return true;
    const held = await this.first('webhookHeld', { appId, orderKey }, (a) =>
      pending(a).where('held', '=', HELD),
    );
    return held !== undefined;
  }

  async claimWebhookDeliveries({ now, realNow, leaseUntil, limit }: ClaimRequest) {
    const candidates = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.seq', 'd.event_seq')
      .select(['d.seq', 'd.app_id', 'd.object', 'd.installed_on', 'd.order_key', 'd.attempts'])
      .select(['e.account_id', 'e.event', 'e.event_time'])
      // The first due deliveries, whether or not an earlier one holds them back: one claim never scans more
      // (a backlog waiting behind deliveries in flight would otherwise be scanned, in vain, by every claim).
      .where('d.seq', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries')
          .select('seq')
          .where('status', '=', PENDING)
          .where('held', '=', NOT_HELD)
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', realNow)]))
          .orderBy('seq')
          .limit(limit),
      )
      // Held back by an earlier pending delivery of the same app and conversation: one waiting for a retry,
      // one in flight, or one held (one written while its conversation's refusal was being recorded, on
      // PostgreSQL, can miss being held, and must not overtake those that were). Three probes, one index each.
      .where((eb) => {
        const earlier = () =>
          eb
            .selectFrom('webhook_deliveries as earlier')
            .select('earlier.seq')
            .where('earlier.status', '=', PENDING)
            .whereRef('earlier.app_id', '=', 'd.app_id')
            .whereRef('earlier.order_key', '=', 'd.order_key')
            .whereRef('earlier.seq', '<', 'd.seq');
        return eb.and([
          eb.not(eb.exists(earlier().where('earlier.next_attempt_at', '>', now))),
          eb.not(eb.exists(earlier().where('earlier.lease_until', '>=', realNow))),
          eb.not(eb.exists(earlier().where('earlier.held', '=', HELD))),
        ]);
      })
      .orderBy('d.seq')
      .limit(limit)
      .execute();
    const claimed = this.dialect === 'postgres' ? await this.lockFree(candidates, realNow) : candidates;
    if (claimed.length === 0) return [];
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_until: leaseUntil })
      .where('seq', 'in', this.numberList(claimed.map((d) => d.seq)))
      .execute();
    return claimed;
  }

  /**
   * PostgreSQL: another worker may be claiming some of the candidates. Skip those, and every later delivery
   * of the same conversation.
   */
  private async lockFree<T extends { seq: number; app_id: string; order_key: number }>(
    candidates: readonly T[],
    realNow: number,
  ): Promise<T[]> {
    if (candidates.length === 0) return [];
    const locked = await this.db
      .selectFrom('webhook_deliveries')
      .select('seq')
      .where('seq', 'in', this.numberList(candidates.map((c) => c.seq)))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', realNow)]))
      .forUpdate()
      .skipLocked()
      .execute();
    const held = new Set(locked.map((row) => row.seq));
    const blocked = new Set<string>();
    const free: T[] = [];
    for (const c of candidates) {
      const key = `${c.app_id} ${c.order_key}`;
      if (!held.has(c.seq)) blocked.add(key);
      else if (!blocked.has(key)) free.push(c);
    }
    return free;
  }

  async holdWebhookDeliveries(appId: string, orderKey: number, afterSeq: number) {
    // A refused POST holds up to one conversation per entry: the statement is compiled once.
    await this.queries.run(this.db, 'holdWebhookDeliveries', { appId, orderKey, afterSeq }, (a) =>
      this.db
        .updateTable('webhook_deliveries')
        .set({ held: 1 })
        .where('status', '=', PENDING)
        .where('app_id', '=', a.appId)
        .where('order_key', '=', a.orderKey)
        .where('seq', '>', a.afterSeq)
        .where('held', '=', NOT_HELD),
    );
  }

  async releaseHeldWebhookDeliveries(appId: string, orderKeys: readonly number[]) {
    if (orderKeys.length === 0) return;
    const anyHeld = await this.first('webhookAnyHeld', { appId }, (a) =>
      this.db
        .selectFrom('webhook_deliveries')
        .select('seq')
        .where('status', '=', PENDING)
        .where('held', '=', HELD)
        .where('app_id', '=', a.appId)
        .limit(1),
    );
    if (!anyHeld) return;
    await this.db
      .updateTable('webhook_deliveries')
      .set({ held: 0 })
      .where('status', '=', PENDING)
      .where('held', '=', HELD)
      .where('app_id', '=', appId)
      .where('order_key', 'in', this.numberList(orderKeys))
      .execute();
  }

  async releaseWebhookLeases() {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_until: null })
      .where('status', '=', PENDING)
      .where('lease_until', 'is not', null)
      .execute();
  }

  async updateWebhookDeliveries(
    seqs: readonly number[],
    patch: Updateable<WebhookDeliveriesTable>,
    attemptSeq?: number,
  ) {
    if (seqs.length === 0) return;
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        ...patch,
        ...(attemptSeq !== undefined && {
          attempts: eb('attempts', '+', 1),
          attempt_log: sql<string>`coalesce(attempt_log || ',', '') || ${String(attemptSeq)}`,
        }),
      }))
      .where('seq', 'in', this.numberList(seqs))
      .execute();
  }

  async failPendingWebhookDeliveries(appId: string, accountId: string, error: string) {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', last_error: error, lease_until: null })
      .where('status', '=', PENDING)
      .where('app_id', '=', appId)
      .where('installed_on', '=', accountId)
      .execute();
  }

  async insertWebhookAttempt(attempt: Insertable<WebhookAttemptsTable>) {
    const { seq } = await this.db
      .insertInto('webhook_attempts')
      .values(attempt)
      .returning('seq')
      .executeTakeFirstOrThrow();
    return seq;
  }

  /**
   * A list of numbers (row numbers, conversation keys), as one parameter: the statement's text stays the
   * same whatever the list's length, so it is prepared once (10,000 placeholders cost more to prepare than
   * to run).
   */
  private numberList(numbers: readonly number[]) {
    return this.dialect === 'postgres'
      ? sql<number>`(select unnest(${numbers}::bigint[]))`
      : sql<number>`(select value from json_each(${JSON.stringify(numbers)}))`;
  }

  private deliveriesWithEvents() {
    return this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.seq', 'd.event_seq')
      .selectAll('d')
      .select(['e.account_id', 'e.event', 'e.event_time']);
  }

  listWebhookDeliveries(filter: DeliveryFilter) {
    let query = this.deliveriesWithEvents();
    if (filter.appId !== undefined) query = query.where('d.app_id', '=', filter.appId);
    if (filter.object !== undefined) query = query.where('d.object', '=', filter.object);
    if (filter.accountId !== undefined) query = query.where('e.account_id', '=', filter.accountId);
    if (filter.status !== undefined) query = query.where('d.status', '=', filter.status);
    if (filter.beforeSeq !== undefined) query = query.where('d.seq', '<', filter.beforeSeq);
    return query.orderBy('d.seq', 'desc').limit(filter.limit).execute();
  }

  getWebhookDelivery(seq: number) {
    return this.deliveriesWithEvents().where('d.seq', '=', seq).executeTakeFirst();
  }

  async listWebhookAttempts(attemptSeqs: readonly number[]) {
    if (attemptSeqs.length === 0) return [];
    return this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('seq', 'in', attemptSeqs)
      .orderBy('seq')
      .execute();
  }
}
