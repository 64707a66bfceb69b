/** Access tokens: which app acts for which account, with which scopes, until when. */
import type { DbContext } from '../db-context.ts';
import type { Insertable } from 'kysely';
import type { TokensTable } from '../schema.ts';
export class TokensRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(token: Insertable<TokensTable>) {
    await this.ctx.db.insertInto('tokens').values(token).execute();
  }

  get(token: string) {
    return this.ctx.first('getToken', { token }, (a) =>
      this.ctx.db.selectFrom('tokens').selectAll().where('token', '=', a.token),
    );
  }

  /** An app's tokens, oldest first. */
  listOfApp(appId: string, limit = 100) {
    return this.ctx.db
      .selectFrom('tokens')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('created_at')
      .orderBy('token')
      .limit(limit)
      .execute();
  }

  /** The tokens a grant handed out. */
  listOfGrant(grantId: string) {
    return this.ctx.db.selectFrom('tokens').selectAll().where('grant_id', '=', grantId).execute();
  }

  async setScopes(token: string, scopes: string) {
    await this.ctx.db.updateTable('tokens').set({ scopes }).where('token', '=', token).execute();
  }
}
