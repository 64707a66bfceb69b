/** Webhook subscriptions: apps' callbacks and fields, the apps installed on accounts, and their failures. */
import type { DbContext } from '../db-context.ts';
import type { AccountSubscriptionRow, WebhookObject, WebhookSubscriptionRow } from '../schema.ts';
import type { WebhookRoute } from '../shapes.ts';

export class WebhookSubscriptionsRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Inserts or replaces the app's subscription for its object. */
  async put(row: WebhookSubscriptionRow) {
    const { callback_url, verify_token, fields, faults, updated_at } = row;
    await this.ctx.db
      .insertInto('webhook_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['app_id', 'object'])
          .doUpdateSet({ callback_url, verify_token, fields, faults, updated_at }),
      )
      .execute();
  }

  get(appId: string, object: WebhookObject) {
    return this.ctx.first('getWebhookSubscription', { appId, object }, (a) =>
      this.ctx.db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('app_id', '=', a.appId)
        .where('object', '=', a.object),
    );
  }

  list(appId?: string) {
    let query = this.ctx.db.selectFrom('webhook_subscriptions').selectAll();
    if (appId !== undefined) query = query.where('app_id', '=', appId);
    return query.orderBy('app_id').orderBy('object').execute();
  }

  /** Removes the app's subscription for one object, or for all when none is named. */
  async delete(appId: string, object?: WebhookObject) {
    let query = this.ctx.db.deleteFrom('webhook_subscriptions').where('app_id', '=', appId);
    if (object !== undefined) query = query.where('object', '=', object);
    await query.execute();
  }

  async setFaults(appId: string, object: WebhookObject, faults: string | null) {
    await this.ctx.db
      .updateTable('webhook_subscriptions')
      .set({ faults })
      .where('app_id', '=', appId)
      .where('object', '=', object)
      .execute();
  }

  /** Installs (or re-installs, clearing a disable) an app on an account. */
  async install(row: AccountSubscriptionRow) {
    const { via, fields, failing_since, disabled_at } = row;
    await this.ctx.db
      .insertInto('account_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['account_id', 'app_id']).doUpdateSet({ via, fields, failing_since, disabled_at }),
      )
      .execute();
  }

  /** The apps installed on an account and not disabled. */
  installedOn(accountId: string) {
    return this.ctx.db
      .selectFrom('account_subscriptions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('disabled_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  /** Every install of an app (or of every app), disabled ones too: for the sandbox's view. */
  listInstalls(appId?: string) {
    let q = this.ctx.db.selectFrom('account_subscriptions').selectAll();
    if (appId !== undefined) q = q.where('app_id', '=', appId);
    return q.orderBy('created_at').execute();
  }

  async uninstall(accountId: string, appId: string) {
    await this.ctx.db
      .deleteFrom('account_subscriptions')
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .execute();
  }

  /**
   * Apps that receive this account's events for the object: installed on it, or on the Page linked to it. Each
   * comes with its role on the account and the account's primary receiver (conversation routing), so that
   * routing costs no other statement when the account has none.
   */
  routes(accountId: string, object: WebhookObject): Promise<WebhookRoute[]> {
    return this.ctx.queries.rows(this.ctx.db, 'webhookRoutes', { accountId, object }, (a) =>
      this.ctx.db
        .selectFrom('account_subscriptions as s')
        .innerJoin('webhook_subscriptions as w', (join) =>
          join.onRef('w.app_id', '=', 's.app_id').on('w.object', '=', a.object),
        )
        .leftJoin('app_roles as r', (join) =>
          join.onRef('r.app_id', '=', 's.app_id').on('r.account_id', '=', a.accountId),
        )
        .select((eb) => [
          's.app_id',
          's.account_id as installed_on',
          's.via',
          's.fields as account_fields',
          'w.fields as app_fields',
          'r.role',
          eb
            .selectFrom('app_roles as p')
            .select('p.app_id')
            .where('p.account_id', '=', a.accountId)
            .where('p.role', '=', 'primary_receiver')
            .limit(1)
            .as('primary_receiver'),
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
        )
        // One event's deliveries lock their streams in app order (see the delivery worker's record).
        .orderBy('s.app_id'),
    );
  }

  /** Starts the failure clock of these accounts' subscriptions to the app (if not running); answers them. */
  async markFailing(appId: string, accountIds: readonly string[], at: number) {
    if (accountIds.length === 0) return [];
    await this.ctx.db
      .updateTable('account_subscriptions')
      .set({ failing_since: at })
      .where('app_id', '=', appId)
      .where('account_id', 'in', accountIds)
      .where('failing_since', 'is', null)
      .execute();
    return this.ctx.db
      .selectFrom('account_subscriptions')
      .selectAll()
      .where('app_id', '=', appId)
      .where('account_id', 'in', accountIds)
      .where('disabled_at', 'is', null)
      .execute();
  }

  async clearFailing(appId: string, accountIds: readonly string[]) {
    // After every accepted POST, for its one account or few: a compiled shape, run per account.
    for (const accountId of accountIds) {
      await this.ctx.queries.run(this.ctx.db, 'clearWebhookFailing', { appId, accountId }, (a) =>
        this.ctx.db
          .updateTable('account_subscriptions')
          .set({ failing_since: null })
          .where('app_id', '=', a.appId)
          .where('account_id', '=', a.accountId)
          .where('failing_since', 'is not', null),
      );
    }
  }

  async disable(accountId: string, appId: string, at: number) {
    await this.ctx.db
      .updateTable('account_subscriptions')
      .set({ disabled_at: at })
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .execute();
  }
}
