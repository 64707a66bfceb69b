/** Every query Parley makes, written once with Kysely for SQLite and PostgreSQL. */
import type { Kysely, Updateable } from 'kysely';
import type { Page, PageRequest } from '../graph/paging.ts';
import type { CursorKey } from '../graph/cursor-codec.ts';
import type { SqlDialectName } from './migrations.ts';
import { TABLES } from './migrations.ts';
import type {
  AccountRow,
  AccountsTable,
  AppRow,
  CommentRow,
  MediaAssetRow,
  MediaPostRow,
  ConversationsTable,
  Database,
  MessageRow,
  MessagesTable,
  NewConversation,
  NewMessage,
  PeopleTable,
  PersonRow,
  ReactionRow,
  TokenRow,
} from './schema.ts';
import type { ConversationQuery, ConversationView, CounterChange, ScopedIdRow, Store } from './store.ts';

/** Rows per multi-row INSERT: well under both dialects' bound-parameter limits. */
const INSERT_CHUNK = 500;

function numberPair(key: CursorKey | undefined): [number, number] | undefined {
  if (!key || key.length !== 2 || typeof key[0] !== 'number' || typeof key[1] !== 'number') return undefined;
  return [key[0], key[1]];
}

/** Orders the fetched rows newest first and says whether more lie beyond the page. */
function toPage<T>(rows: T[], page: PageRequest): Page<T> {
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  if (page.before) items.reverse();
  return { items, more };
}

export class KyselyStore implements Store {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return this.db.transaction().execute((trx) => work(new KyselyStore(trx, this.dialect)));
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.onClose();
  }

  async reset(keepSettings: readonly string[]): Promise<void> {
    await this.transaction(async (tx) => {
      const db = (tx as KyselyStore).db;
      for (const table of TABLES) {
        if (table === 'settings') {
          let del = db.deleteFrom('settings');
          if (keepSettings.length > 0) del = del.where('key', 'not in', keepSettings);
          await del.execute();
        } else {
          await db.deleteFrom(table).execute();
        }
      }
    });
  }

  async getSetting(key: string) {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
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
    return this.db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
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
    return this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getAccountByAppScopedId(id: string) {
    return this.db.selectFrom('accounts').selectAll().where('app_scoped_id', '=', id).executeTakeFirst();
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
    return this.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
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
    const row = await this.db
      .selectFrom('follows')
      .select('person_id')
      .where('person_id', '=', personId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
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
    const row = await this.db
      .selectFrom('scoped_ids')
      .select('scoped_id')
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row?.scoped_id;
  }

  getScopedId(scopedId: string) {
    return this.db
      .selectFrom('scoped_ids')
      .select(['scoped_id', 'account_id', 'person_id'])
      .where('scoped_id', '=', scopedId)
      .executeTakeFirst();
  }

  async insertToken(token: TokenRow) {
    await this.db.insertInto('tokens').values(token).execute();
  }

  getToken(token: string) {
    return this.db.selectFrom('tokens').selectAll().where('token', '=', token).executeTakeFirst();
  }

  async insertConversation(conversation: NewConversation) {
    await this.db
      .insertInto('conversations')
      .values(conversation)
      .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
      .execute();
  }

  async updateConversation(id: string, patch: Updateable<ConversationsTable>, add: CounterChange = {}) {
    await this.db
      .updateTable('conversations')
      .set((eb) => ({
        ...patch,
        ...(add.message_count && { message_count: eb('message_count', '+', add.message_count) }),
        ...(add.unread_count && { unread_count: eb('unread_count', '+', add.unread_count) }),
      }))
      .where('id', '=', id)
      .execute();
  }

  private conversationViews() {
    return this.db
      .selectFrom('conversations')
      .innerJoin('people', 'people.id', 'conversations.person_id')
      .selectAll('conversations')
      .select(['people.username as person_username', 'people.name as person_name']);
  }

  getConversation(id: string): Promise<ConversationView | undefined> {
    return this.conversationViews().where('conversations.id', '=', id).executeTakeFirst();
  }

  getConversationFor(accountId: string, personId: string): Promise<ConversationView | undefined> {
    return this.conversationViews()
      .where('conversations.account_id', '=', accountId)
      .where('conversations.person_id', '=', personId)
      .executeTakeFirst();
  }

  async listConversations(query: ConversationQuery, page: PageRequest): Promise<Page<ConversationView>> {
    let q = this.conversationViews()
      .where('conversations.account_id', '=', query.accountId)
      .where('conversations.message_count', '>', 0);
    if (query.folder) q = q.where('conversations.folder', '=', query.folder);
    if (query.personId) q = q.where('conversations.person_id', '=', query.personId);
    const idleBefore = query.hideRequestsIdleBefore;
    if (idleBefore !== undefined) {
      q = q.where((eb) =>
        eb.not(eb.and([eb('conversations.folder', '=', 'requests'), eb('conversations.updated_at', '<', idleBefore)])),
      );
    }
    const after = numberPair(page.after);
    const before = numberPair(page.before);
    if (after) {
      q = q.where(({ eb, refTuple, tuple }) =>
        eb(refTuple('conversations.updated_at', 'conversations.seq'), '<', tuple(after[0], after[1])),
      );
    } else if (before) {
      q = q.where(({ eb, refTuple, tuple }) =>
        eb(refTuple('conversations.updated_at', 'conversations.seq'), '>', tuple(before[0], before[1])),
      );
    }
    const direction = before ? 'asc' : 'desc';
    const rows = await q
      .orderBy('conversations.updated_at', direction)
      .orderBy('conversations.seq', direction)
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page);
  }

  async insertMessage(message: NewMessage) {
    await this.db.insertInto('messages').values(message).execute();
  }

  async insertMessages(messages: readonly NewMessage[]) {
    for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('messages')
        .values(messages.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  async updateMessage(id: string, patch: Updateable<MessagesTable>) {
    await this.db.updateTable('messages').set(patch).where('id', '=', id).execute();
  }

  getMessage(id: string): Promise<MessageRow | undefined> {
    return this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listMessages(conversationId: string, page: PageRequest): Promise<Page<MessageRow>> {
    let q = this.db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('deleted_at', 'is', null);
    const after = numberPair(page.after);
    const before = numberPair(page.before);
    if (after) {
      q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'seq'), '<', tuple(after[0], after[1])));
    } else if (before) {
      q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'seq'), '>', tuple(before[0], before[1])));
    }
    const direction = before ? 'asc' : 'desc';
    const rows = await q
      .orderBy('created_at', direction)
      .orderBy('seq', direction)
      .limit(page.limit + 1)
      .execute();
    return toPage(rows, page);
  }

  async recentMessageIds(conversationId: string, count: number) {
    const rows = await this.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(count)
      .execute();
    return rows.map((r) => r.id);
  }

  async countPersonMessagesSince(conversationId: string, since: number) {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conversationId)
      .where('from_business', '=', 0)
      .where('deleted_at', 'is', null)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
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

  async upsertReaction(reaction: ReactionRow) {
    await this.db
      .insertInto('reactions')
      .values(reaction)
      .onConflict((oc) =>
        oc.columns(['message_id', 'reactor']).doUpdateSet({
          reaction: reaction.reaction,
          emoji: reaction.emoji,
          created_at: reaction.created_at,
        }),
      )
      .execute();
  }

  async deleteReaction(messageId: string, reactor: string) {
    const result = await this.db
      .deleteFrom('reactions')
      .where('message_id', '=', messageId)
      .where('reactor', '=', reactor)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  listReactions(messageId: string) {
    return this.db
      .selectFrom('reactions')
      .selectAll()
      .where('message_id', '=', messageId)
      .orderBy('created_at')
      .execute();
  }
}
