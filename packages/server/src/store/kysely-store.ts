/** Every query Parley makes, written once with Kysely for SQLite and PostgreSQL (messaging queries in kysely-messaging.ts). */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Transaction, Updateable } from 'kysely';
import { MESSAGE_ROWS_USED_KEY, TABLES, lastMessageRow } from './migrations.ts';
import { KyselyWebhooks } from './kysely-webhooks.ts';
import { announceChange, type SharedChange } from './postgres/change-feed.ts';
import type {
  AccountRow,
  AccountsTable,
  AppRow,
  CommentRow,
  Database,
  MediaAssetRow,
  MediaPostRow,
  PeopleTable,
  PersonRow,
  TokenRow,
} from './schema.ts';
import type { ScopedIdRow, Store } from './store.ts';

/** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be run again. */
const TRANSIENT_CODES = new Set(['40P01', '40001']);
const TRANSIENT_ATTEMPTS = 5;

function isTransientFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

export class KyselyStore extends KyselyWebhooks implements Store {
  /**
   * Runs `work` in one transaction (joining the caller's, if any). PostgreSQL may abort a transaction that
   * deadlocked or could not be serialized; it is then run again from the start, as often as
   * `TRANSIENT_ATTEMPTS` allows, since nothing of it was stored.
   */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    for (let attempt = 1; ; attempt++) {
      const afterCommit: (() => void)[] = [];
      const { groupCommit } = this.parts;
      try {
        // (Arrow functions passed straight on: the TypeScript runner names each one kept in a variable.)
        const result = await (groupCommit
          ? groupCommit.run((trx) => this.within(trx, work, afterCommit))
          : this.db.transaction().execute((trx) => this.within(trx, work, afterCommit)));
        for (const callback of afterCommit) callback();
        return result;
      } catch (error) {
        if (attempt >= TRANSIENT_ATTEMPTS || !isTransientFailure(error)) throw error;
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  /** `work` on a store over an open transaction; `afterCommit` collects what waits for its commit. */
  private within<T>(
    trx: Transaction<Database>,
    work: (tx: Store) => Promise<T>,
    afterCommit: (() => void)[],
  ): Promise<T> {
    return work(new KyselyStore(trx, this.dialect, { ...this.parts, queries: this.queries, afterCommit }));
  }

  afterCommit(callback: () => void): void {
    if (this.parts.afterCommit) this.parts.afterCommit.push(callback);
    else callback();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async announce(change: SharedChange): Promise<void> {
    if (this.dialect === 'postgres') await announceChange(this.db, change, this.origin);
  }

  async reset(keepSettings: readonly string[]): Promise<void> {
    const rows = this.parts.messageRows;
    await this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      const used = Math.max(await lastMessageRow(db), rows.kind === 'counter' ? rows.last : 0);
      for (const table of TABLES) {
        if (table === 'settings') {
          await db
            .deleteFrom('settings')
            .where('key', 'not in', [...keepSettings, MESSAGE_ROWS_USED_KEY])
            .execute();
        } else {
          await db.deleteFrom(table).execute();
        }
      }
      await tx.setSetting(MESSAGE_ROWS_USED_KEY, String(used));
    });
  }

  async getSetting(key: string) {
    const row = await this.first('getSetting', { key }, (a) =>
      this.db.selectFrom('settings').select('value').where('key', '=', a.key),
    );
    return row?.value;
  }

  async setSetting(key: string, value: string) {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async insertApp(app: AppRow) {
    await this.db.insertInto('apps').values(app).execute();
  }

  getApp(id: string) {
    return this.first('getApp', { id }, (a) => this.db.selectFrom('apps').selectAll().where('id', '=', a.id));
  }

  getAppByToken(appToken: string) {
    return this.db.selectFrom('apps').selectAll().where('app_token', '=', appToken).executeTakeFirst();
  }

  async insertAccount(account: AccountRow) {
    await this.db.insertInto('accounts').values(account).execute();
  }

  async updateAccount(id: string, patch: Updateable<AccountsTable>) {
    await this.db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }

  getAccount(id: string) {
    return this.first('getAccount', { id }, (a) =>
      this.db.selectFrom('accounts').selectAll().where('id', '=', a.id),
    );
  }

  getAccountByAppScopedId(id: string) {
    return this.first('getAccountByAppScopedId', { id }, (a) =>
      this.db.selectFrom('accounts').selectAll().where('app_scoped_id', '=', a.id),
    );
  }

  getPageLinkedTo(instagramAccountId: string) {
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .where('instagram_account_id', '=', instagramAccountId)
      .executeTakeFirst();
  }

  async insertPerson(person: PersonRow) {
    await this.db.insertInto('people').values(person).execute();
  }

  async updatePerson(id: string, patch: Updateable<PeopleTable>) {
    await this.db.updateTable('people').set(patch).where('id', '=', id).execute();
  }

  getPerson(id: string) {
    return this.first('getPerson', { id }, (a) =>
      this.db.selectFrom('people').selectAll().where('id', '=', a.id),
    );
  }

  getPersonByUsername(username: string) {
    return this.db.selectFrom('people').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async addFollow(personId: string, accountId: string, at: number) {
    const result = await this.db
      .insertInto('follows')
      .values({ person_id: personId, account_id: accountId, created_at: at })
      .onConflict((oc) => oc.columns(['person_id', 'account_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeFollow(personId: string, accountId: string) {
    await this.db
      .deleteFrom('follows')
      .where('person_id', '=', personId)
      .where('account_id', '=', accountId)
      .execute();
  }

  async isFollowing(personId: string, accountId: string) {
    const row = await this.first('isFollowing', { personId, accountId }, (a) =>
      this.db
        .selectFrom('follows')
        .select('person_id')
        .where('person_id', '=', a.personId)
        .where('account_id', '=', a.accountId),
    );
    return row !== undefined;
  }

  async ensureScopedId(row: ScopedIdRow & { created_at: number }) {
    await this.db
      .insertInto('scoped_ids')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
      .execute();
    return (await this.getScopedIdFor(row.account_id, row.person_id)) ?? row.scoped_id;
  }

  async getScopedIdFor(accountId: string, personId: string) {
    const row = await this.first('getScopedIdFor', { accountId, personId }, (a) =>
      this.db
        .selectFrom('scoped_ids')
        .select('scoped_id')
        .where('account_id', '=', a.accountId)
        .where('person_id', '=', a.personId),
    );
    return row?.scoped_id;
  }

  getScopedId(scopedId: string) {
    return this.first('getScopedId', { scopedId }, (a) =>
      this.db
        .selectFrom('scoped_ids')
        .select(['scoped_id', 'account_id', 'person_id', 'blocked_at'])
        .where('scoped_id', '=', a.scopedId),
    );
  }

  async setBlocked(accountId: string, personId: string, at: number | null) {
    await this.db
      .updateTable('scoped_ids')
      .set({ blocked_at: at })
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .execute();
  }

  async insertToken(token: TokenRow) {
    await this.db.insertInto('tokens').values(token).execute();
  }

  getToken(token: string) {
    return this.first('getToken', { token }, (a) =>
      this.db.selectFrom('tokens').selectAll().where('token', '=', a.token),
    );
  }

  async insertMediaAsset(asset: MediaAssetRow) {
    await this.db.insertInto('media_assets').values(asset).execute();
  }

  getMediaAsset(id: string) {
    return this.db.selectFrom('media_assets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertMediaPost(post: MediaPostRow) {
    await this.db.insertInto('media_posts').values(post).execute();
  }

  getMediaPost(id: string) {
    return this.db.selectFrom('media_posts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertComment(comment: CommentRow) {
    await this.db.insertInto('comments').values(comment).execute();
  }

  getComment(id: string) {
    return this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async claimPrivateReply(commentId: string, mid: string) {
    const result = await this.db
      .updateTable('comments')
      .set({ private_reply_mid: mid })
      .where('id', '=', commentId)
      .where('private_reply_mid', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
