/** Logins: what each grant allows, the one-time codes consents hand back, and logins approved ahead. */
import type { Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { GrantRow, GrantsTable, LoginApprovalRow, LoginFamily, OauthCodeRow } from '../schema.ts';

export class GrantsRepository {
  constructor(private readonly ctx: DbContext) {}

  get(id: string) {
    return this.ctx.first('getGrant', { id }, (a) =>
      this.ctx.db.selectFrom('grants').selectAll().where('id', '=', a.id),
    );
  }

  /** The grant standing between an app and a subject (a person on Facebook, an account on Instagram), if any. */
  findStanding(appId: string, family: LoginFamily, subjectId: string) {
    return this.ctx.db
      .selectFrom('grants')
      .selectAll()
      .where('app_id', '=', appId)
      .where('family', '=', family)
      .where('subject_id', '=', subjectId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  async insert(grant: GrantRow) {
    await this.ctx.db.insertInto('grants').values(grant).execute();
  }

  async update(id: string, patch: Updateable<GrantsTable>) {
    await this.ctx.db.updateTable('grants').set(patch).where('id', '=', id).execute();
  }

  listOfApp(appId: string, limit = 100) {
    return this.ctx.db
      .selectFrom('grants')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  listOfPerson(personId: string) {
    return this.ctx.db
      .selectFrom('grants')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async insertCode(code: OauthCodeRow) {
    await this.ctx.db.insertInto('oauth_codes').values(code).execute();
  }

  getCode(code: string) {
    return this.ctx.db.selectFrom('oauth_codes').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Marks a code used; false when it already was (two exchanges racing: one wins). */
  async useCode(code: string, at: number) {
    const result = await this.ctx.db
      .updateTable('oauth_codes')
      .set({ used_at: at })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async insertApproval(approval: Omit<LoginApprovalRow, 'seq'>) {
    await this.ctx.db.insertInto('login_approvals').values(approval).execute();
  }

  /** Takes the oldest login approved ahead for an app, if any. */
  async takeApproval(appId: string, family: LoginFamily): Promise<LoginApprovalRow | undefined> {
    const approval = await this.ctx.db
      .selectFrom('login_approvals')
      .selectAll()
      .where('app_id', '=', appId)
      .where('family', '=', family)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!approval) return undefined;
    const taken = await this.ctx.db
      .deleteFrom('login_approvals')
      .where('seq', '=', approval.seq)
      .executeTakeFirst();
    // Another request took it first: look again.
    return Number(taken.numDeletedRows) > 0 ? approval : this.takeApproval(appId, family);
  }
}
