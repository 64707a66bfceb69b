/** Business accounts: Instagram professional accounts and Facebook Pages. */
import { sql, type Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { AccountRow, AccountsTable } from '../schema.ts';
export class AccountsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(account: AccountRow) {
    await this.ctx.db.insertInto('accounts').values(account).execute();
  }

  async update(id: string, patch: Updateable<AccountsTable>) {
    await this.ctx.db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }

  get(id: string) {
    return this.ctx.first('getAccount', { id }, (a) =>
      this.ctx.db.selectFrom('accounts').selectAll().where('id', '=', a.id),
    );
  }

  getByAppScopedId(id: string) {
    return this.ctx.first('getAccountByAppScopedId', { id }, (a) =>
      this.ctx.db.selectFrom('accounts').selectAll().where('app_scoped_id', '=', a.id),
    );
  }

  /** The Instagram accounts with this username, as an @mention names them (case does not matter). */
  instagramByUsername(username: string) {
    return this.ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('type', '=', 'instagram')
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .execute();
  }

  getPageLinkedTo(instagramAccountId: string) {
    return this.ctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('instagram_account_id', '=', instagramAccountId)
      .executeTakeFirst();
  }

  /** The first business accounts made: for the start's banner and the console. */
  list(limit = 100) {
    return this.ctx.db
      .selectFrom('accounts')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
