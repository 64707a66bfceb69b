/** Webhook subscriptions and the delivery outbox, written once for SQLite and PostgreSQL. */
import { sql, type Insertable, type Updateable } from 'kysely';
import { KyselyMessaging } from './kysely-messaging.ts';
import type {
  AccountSubscriptionRow,
  DeliveryStatus,
  NewWebhookDelivery,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookObject,
  WebhookSubscriptionRow,
} from './schema.ts';
import type { AttemptOfDelivery, ClaimRequest, DeliveryFilter, WebhookStore } from './webhook-store.ts';

/** Literal, so that SQLite (which cannot prove a bound parameter matches) uses the partial indexes. */
const PENDING = sql.lit<DeliveryStatus>('pending');
/** Rows per multi-row INSERT: well under both dialects' bound-parameter limits. */
const INSERT_CHUNK = 500;

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

  async insertWebhookDeliveries(rows: readonly NewWebhookDelivery[]) {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  async claimWebhookDeliveries({ now, realNow, leaseUntil, limit }: ClaimRequest) {
    const candidates = await this.db
      .selectFrom('webhook_deliveries as d')
      .select(['d.seq', 'd.app_id', 'd.order_key'])
      .where('d.status', '=', PENDING)
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', realNow)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('webhook_deliveries as e')
              .select('e.seq')
              .where('e.status', '=', PENDING)
              .whereRef('e.app_id', '=', 'd.app_id')
              .whereRef('e.order_key', '=', 'd.order_key')
              .whereRef('e.seq', '<', 'd.seq')
              .where((e) => e.or([e('e.next_attempt_at', '>', now), e('e.lease_until', '>=', realNow)])),
          ),
        ),
      )
      .orderBy('d.seq')
      .limit(limit)
      .execute();
    if (candidates.length === 0) return [];
    let seqs = candidates.map((c) => c.seq);
    if (this.dialect === 'postgres') {
      // Another worker may hold some of them: skip those, and every later delivery of the same conversation.
      const locked = await this.db
        .selectFrom('webhook_deliveries')
        .select('seq')
        .where('seq', 'in', seqs)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', realNow)]))
        .forUpdate()
        .skipLocked()
        .execute();
      const held = new Set(locked.map((row) => row.seq));
      const blocked = new Set<string>();
      seqs = [];
      for (const c of candidates) {
        const key = `${c.app_id}\n${c.order_key}`;
        if (!held.has(c.seq)) blocked.add(key);
        else if (!blocked.has(key)) seqs.push(c.seq);
      }
      if (seqs.length === 0) return [];
    }
    const rows = await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_until: leaseUntil })
      .where('seq', 'in', seqs)
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.seq - b.seq);
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
    countAttempt: boolean,
  ) {
    if (seqs.length === 0) return;
    await this.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({ ...patch, ...(countAttempt && { attempts: eb('attempts', '+', 1) }) }))
      .where('seq', 'in', seqs)
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

  async insertWebhookAttempt(attempt: Insertable<WebhookAttemptsTable>, deliverySeqs: readonly number[]) {
    const { seq } = await this.db
      .insertInto('webhook_attempts')
      .values(attempt)
      .returning('seq')
      .executeTakeFirstOrThrow();
    const links = deliverySeqs.map((delivery_seq) => ({ attempt_seq: seq, delivery_seq }));
    for (let i = 0; i < links.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('webhook_attempt_deliveries')
        .values(links.slice(i, i + INSERT_CHUNK))
        .execute();
    }
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

  listWebhookDeliveries(filter: DeliveryFilter) {
    let query = this.db.selectFrom('webhook_deliveries').selectAll();
    if (filter.appId !== undefined) query = query.where('app_id', '=', filter.appId);
    if (filter.object !== undefined) query = query.where('object', '=', filter.object);
    if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
    return query.orderBy('seq', 'desc').limit(filter.limit).execute();
  }

  getWebhookDelivery(seq: number) {
    return this.db.selectFrom('webhook_deliveries').selectAll().where('seq', '=', seq).executeTakeFirst();
  }

  async listWebhookAttempts(deliverySeqs: readonly number[]): Promise<AttemptOfDelivery[]> {
    if (deliverySeqs.length === 0) return [];
    return this.db
      .selectFrom('webhook_attempt_deliveries as l')
      .innerJoin('webhook_attempts as a', 'a.seq', 'l.attempt_seq')
      .selectAll('a')
      .select('l.delivery_seq')
      .where('l.delivery_seq', 'in', deliverySeqs)
      .orderBy('a.seq')
      .execute();
  }
}
