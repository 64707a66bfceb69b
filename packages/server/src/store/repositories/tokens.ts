/** Access tokens: which app acts for which account, with which scopes, until when. */
import type { DbContext } from '../db-context.ts';
import type { TokenRow } from '../schema.ts';
export class TokensRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(token: TokenRow) {
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
}
