/** Welcome message flows: each app's own, on the account it made them on. */
import type { Insertable, Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { WelcomeMessageFlowsTable } from '../schema.ts';

export class WelcomeMessageFlowsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(flow: Insertable<WelcomeMessageFlowsTable>): Promise<void> {
    await this.ctx.db.insertInto('welcome_message_flows').values(flow).execute();
  }

  /** The flow with this id, if this app made it on this account. */
  get(accountId: string, appId: string, id: string) {
    return this.ctx.db
      .selectFrom('welcome_message_flows')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .executeTakeFirst();
  }

  /** The app's flows on the account, oldest first. */
  list(accountId: string, appId: string, limit: number) {
    return this.ctx.db
      .selectFrom('welcome_message_flows')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('app_id', '=', appId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async update(id: string, patch: Updateable<WelcomeMessageFlowsTable>): Promise<void> {
    await this.ctx.db.updateTable('welcome_message_flows').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ctx.db.deleteFrom('welcome_message_flows').where('id', '=', id).execute();
  }
}
