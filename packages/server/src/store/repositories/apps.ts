/** Apps, as the sandbox's app dashboard makes them. */
import type { DbContext } from '../db-context.ts';
import type { Insertable } from 'kysely';
import type { AppsTable } from '../schema.ts';
export class AppsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(app: Insertable<AppsTable>) {
    await this.ctx.db.insertInto('apps').values(app).execute();
  }

  get(id: string) {
    return this.ctx.first('getApp', { id }, (a) =>
      this.ctx.db.selectFrom('apps').selectAll().where('id', '=', a.id),
    );
  }

  getByToken(appToken: string) {
    return this.ctx.db.selectFrom('apps').selectAll().where('app_token', '=', appToken).executeTakeFirst();
  }

  /** The first apps made (a world has few): for the start's banner and the console. */
  list(limit = 100) {
    return this.ctx.db
      .selectFrom('apps')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
