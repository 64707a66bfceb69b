/** Webhook subscriptions: apps' callbacks and fields, the apps installed on accounts, and their failures. */
import { KyselyReactions } from './kysely-reactions.ts';
import type { AccountSubscriptionRow, WebhookObject, WebhookSubscriptionRow } from './schema.ts';

export abstract class KyselyWebhookSubscriptions extends KyselyReactions {
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
        )
        // One event's deliveries lock their streams in app order (see the delivery worker's record).
        .orderBy('s.app_id'),
    );
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
    // After every accepted POST, for its one account or few: a compiled shape, run per account.
    for (const accountId of accountIds) {
      await this.queries.run(this.db, 'clearWebhookFailing', { appId, accountId }, (a) =>
        this.db
          .updateTable('account_subscriptions')
          .set({ failing_since: null })
          .where('app_id', '=', a.appId)
          .where('account_id', '=', a.accountId)
          .where('failing_since', 'is not', null),
      );
    }
  }

  async disableAccountSubscription(accountId: string, appId: string, at: number) {
    await this.db
      .updateTable('account_subscriptions')
      .set({ disabled_at: at })
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .execute();
  }
}
