/** The people who write to business accounts: who they follow, their scoped ids, and whom they block. */
import type { Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { PeopleTable, PersonRow } from '../schema.ts';
import type { ScopedIdRow } from '../shapes.ts';
export class PeopleRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(person: PersonRow) {
    await this.ctx.db.insertInto('people').values(person).execute();
  }

  async update(id: string, patch: Updateable<PeopleTable>) {
    await this.ctx.db.updateTable('people').set(patch).where('id', '=', id).execute();
  }

  get(id: string) {
    return this.ctx.first('getPerson', { id }, (a) =>
      this.ctx.db.selectFrom('people').selectAll().where('id', '=', a.id),
    );
  }

  getByUsername(username: string) {
    return this.ctx.db.selectFrom('people').selectAll().where('username', '=', username).executeTakeFirst();
  }

  /** Records that a person follows an account; true when it is new. */
  async addFollow(personId: string, accountId: string, at: number) {
    const result = await this.ctx.db
      .insertInto('follows')
      .values({ person_id: personId, account_id: accountId, created_at: at })
      .onConflict((oc) => oc.columns(['person_id', 'account_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeFollow(personId: string, accountId: string) {
    await this.ctx.db
      .deleteFrom('follows')
      .where('person_id', '=', personId)
      .where('account_id', '=', accountId)
      .execute();
  }

  async isFollowing(personId: string, accountId: string) {
    const row = await this.ctx.first('isFollowing', { personId, accountId }, (a) =>
      this.ctx.db
        .selectFrom('follows')
        .select('person_id')
        .where('person_id', '=', a.personId)
        .where('account_id', '=', a.accountId),
    );
    return row !== undefined;
  }

  /** Inserts unless the account already has a scoped id for the person; answers the id that holds. */
  async ensureScopedId(row: ScopedIdRow & { created_at: number }) {
    await this.ctx.db
      .insertInto('scoped_ids')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
      .execute();
    return (await this.scopedIdFor(row.account_id, row.person_id)) ?? row.scoped_id;
  }

  async scopedIdFor(accountId: string, personId: string) {
    const row = await this.ctx.first('getScopedIdFor', { accountId, personId }, (a) =>
      this.ctx.db
        .selectFrom('scoped_ids')
        .select('scoped_id')
        .where('account_id', '=', a.accountId)
        .where('person_id', '=', a.personId),
    );
    return row?.scoped_id;
  }

  getScopedId(scopedId: string) {
    return this.ctx.first('getScopedId', { scopedId }, (a) =>
      this.ctx.db
        .selectFrom('scoped_ids')
        .select(['scoped_id', 'account_id', 'person_id', 'blocked_at'])
        .where('scoped_id', '=', a.scopedId),
    );
  }

  /** The person blocks the account (a time) or unblocks it (null); their scoped id must exist. */
  async setBlocked(accountId: string, personId: string, at: number | null) {
    await this.ctx.db
      .updateTable('scoped_ids')
      .set({ blocked_at: at })
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .execute();
  }

  /** The first people made, for the console: at most `limit`. */
  list(limit = 200) {
    return this.ctx.db
      .selectFrom('people')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** The scoped ids of these people, on every account. */
  scopedIdsOf(personIds: readonly string[]) {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.ctx.db
      .selectFrom('scoped_ids')
      .select(['person_id', 'account_id', 'scoped_id'])
      .where('person_id', 'in', personIds)
      .execute();
  }
}
