/** Webhook subscriptions and the delivery outbox, written once for SQLite and PostgreSQL. */
import { sql, type Insertable, type Updateable } from 'kysely';
import { KyselyMessaging } from './kysely-messaging.ts';
import type {
  AccountSubscriptionRow,
  DeliveryStatus,
  NewWebhookDelivery,
  NewWebhookEvent,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookObject,
  WebhookSubscriptionRow,
} from './schema.ts';
import type { ClaimRequest, DeliveryFilter, WebhookStore } from './webhook-store.ts';

/** Literal, so that SQLite (which cannot prove a bound parameter matches) uses the partial indexes. */
const PENDING = sql.lit<DeliveryStatus>('pending');

export abstract class KyselyWebhooks extends KyselyMessaging implements WebhookStore {
  async putWebhookSubscription(row: WebhookSubscriptionRow) {
    const { callback_url, verify_token, fields, faults, updated_at } = row;
    await this.db
      .insertInto('webhook_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['app_id', 'object'])
          .doUpdateSet({ callback_url, verify_token, fields, faults, updated_at }),
      )
      .execute();
  }

  getWebhookSubscription(appId: string, object: WebhookObject) {
    return this.first('getWebhookSubscription', { appId, object }, (a) =>
      this.db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('app_id', '=', a.appId)
        .where('object', '=', a.object),
    );
  }

  listWebhookSubscriptions(appId?: string) {
    let query = this.db.selectFrom('webhook_subscriptions').selectAll();
    if (appId !== undefined) query = query.where('app_id', '=', appId);
    return query.orderBy('app_id').orderBy('object').execute();
  }

  async deleteWebhookSubscriptions(appId: string, object?: WebhookObject) {
    let query = this.db.deleteFrom('webhook_subscriptions').where('app_id', '=', appId);
    if (object !== undefined) query = query.where('object', '=', object);
    await query.execute();
  }

  async setWebhookFaults(appId: string, object: WebhookObject, faults: string | null) {
    await this.db
      .updateTable('webhook_subscriptions')
      .set({ faults })
      .where('app_id', '=', appId)
      .where('object', '=', object)
      .execute();
  }

  async putAccountSubscription(row: AccountSubscriptionRow) {
    const { via, fields, failing_since, disabled_at } = row;
    await this.db
      .insertInto('account_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['account_id', 'app_id']).doUpdateSet({ via, fields, failing_since, disabled_at }),
      )
      .execute();
  }

  listAccountSubscriptions(accountId: string) {
    return this.db
      .selectFrom('account_subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('disabled_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  async deleteAccountSubscription(accountId: string, appId: string) {
    await this.db
      .deleteFrom('account_subscriptions')
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .execute();
  }

  webhookRoutes(accountId: string, object: WebhookObject) {
    return this.queries.rows(this.db, 'webhookRoutes', { accountId, object }, (a) =>
      this.db
        .selectFrom('account_subscriptions as s')
        .innerJoin('webhook_subscriptions as w', (join) =>
          join.onRef('w.app_id', '=', 's.app_id').on('w.object', '=', a.object),
        )
        .select([
          's.app_id',
          's.account_id as installed_on',
          's.via',
          's.fields as account_fields',
          'w.fields as app_fields',
        ])
        .where('s.disabled_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('s.account_id', '=', a.accountId),
            eb(
              's.account_id',
              '=',
              eb.selectFrom('accounts').select('id').where('instagram_account_id', '=', a.accountId),
            ),
          ]),
        ),
    );
  }

  async insertWebhookEvent(event: NewWebhookEvent, deliveries: readonly NewWebhookDelivery[]) {
    const { seq } = await this.db
      .insertInto('webhook_events')
      .values(event)
      .returning('seq')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('webhook_deliveries')
      .values(deliveries.map((d) => ({ ...d, event_seq: seq })))
      .execute();
  }

  async claimWebhookDeliveries({ now, realNow, leaseUntil, limit }: ClaimRequest) {
    const candidates = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.seq', 'd.event_seq')
      .select(['d.seq', 'd.app_id', 'd.object', 'd.installed_on', 'd.order_key', 'd.attempts'])
      .select(['e.account_id', 'e.event', 'e.event_time'])
      .where('d.status', '=', PENDING)
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', realNow)]))
      // Held back by an earlier delivery of the same conversation that waits for a retry, or is in flight.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as earlier')
              .select('earlier.seq')
              .where('earlier.status', '=', PENDING)
              .whereRef('earlier.app_id', '=', 'd.app_id')
              .whereRef('earlier.order_key', '=', 'd.order_key')
              .where('earlier.next_attempt_at', '>', now)
              .whereRef('earlier.seq', '<', 'd.seq'),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as earlier')
              .select('earlier.seq')
              .where('earlier.status', '=', PENDING)
              .whereRef('earlier.app_id', '=', 'd.app_id')
              .whereRef('earlier.order_key', '=', 'd.order_key')
              .where('earlier.lease_until', '>=', realNow)
              .whereRef('earlier.seq', '<', 'd.seq'),
          ),
        ),
      )
      .orderBy('d.seq')
      .limit(limit)
      .execute();
    const claimed = this.dialect === 'postgres' ? await this.lockFree(candidates, realNow) : candidates;
    if (claimed.length === 0) return [];
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_until: leaseUntil })
      .where('seq', 'in', this.seqList(claimed.map((d) => d.seq)))
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
      .where(
        'seq',
        'in',
        candidates.map((c) => c.seq),
      )
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
      .where('seq', 'in', this.seqList(seqs))
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

  async markWebhookFailing(appId: string, accountIds: readonly string[], at: number) {
    if (accountIds.length === 0) return [];
    await this.db
      .updateTable('account_subscriptions')
      .set({ failing_since: at })
      .where('app_id', '=', appId)
      .where('account_id', 'in', accountIds)
      .where('failing_since', 'is', null)
      .execute();
    return this.db
      .selectFrom('account_subscriptions')
      .selectAll()
      .where('app_id', '=', appId)
      .where('account_id', 'in', accountIds)
      .where('disabled_at', 'is', null)
      .execute();
  }

  async clearWebhookFailing(appId: string, accountIds: readonly string[]) {
    if (accountIds.length === 0) return;
    await this.db
      .updateTable('account_subscriptions')
      .set({ failing_since: null })
      .where('app_id', '=', appId)
      .where('account_id', 'in', accountIds)
      .where('failing_since', 'is not', null)
      .execute();
  }

  async disableAccountSubscription(accountId: string, appId: string, at: number) {
    await this.db
      .updateTable('account_subscriptions')
      .set({ disabled_at: at })
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .execute();
  }

  /**
   * A list of row numbers, as one parameter: the statement's text stays the same whatever the list's length,
   * so it is prepared once (a list of 10,000 placeholders costs more to prepare than to run).
   */
  private seqList(seqs: readonly number[]) {
    return this.dialect === 'postgres'
      ? sql<number>`(select unnest(${seqs}::bigint[]))`
      : sql<number>`(select value from json_each(${JSON.stringify(seqs)}))`;
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
