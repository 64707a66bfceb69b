/** The roles people have on apps (administrator, developer, tester) and on business accounts. */
import type { DbContext } from '../db-context.ts';
import type { RoleRow } from '../schema.ts';

export class RolesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Gives a person a role on an app or account, replacing the one they had there. */
  async set(role: RoleRow) {
    await this.ctx.db
      .insertInto('roles')
      .values(role)
      .onConflict((oc) => oc.columns(['person_id', 'target_id']).doUpdateSet({ role: role.role }))
      .execute();
  }

  /** Takes a person's role away; true when they had one. */
  async remove(personId: string, targetId: string) {
    const result = await this.ctx.db
      .deleteFrom('roles')
      .where('person_id', '=', personId)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  listOfPerson(personId: string) {
    return this.ctx.db
      .selectFrom('roles')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('target_id')
      .execute();
  }

  /** Every role in the world (a world has few people who manage something), oldest first. */
  list(limit = 1000) {
    return this.ctx.db
      .selectFrom('roles')
      .selectAll()
      .orderBy('created_at')
      .orderBy('person_id')
      .limit(limit)
      .execute();
  }

  /**
   * Of `accountIds`, those an app under Standard Access may serve: a person with a role on the account also
   * has a role on the app.
   */
  async servedByApp(appId: string, accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows = await this.ctx.db
      .selectFrom('roles as account_role')
      .innerJoin('roles as app_role', 'app_role.person_id', 'account_role.person_id')
      .select('account_role.target_id')
      .where('app_role.target_id', '=', appId)
      .where('account_role.target_id', 'in', accountIds)
      .execute();
    return new Set(rows.map((r) => r.target_id));
  }
}
