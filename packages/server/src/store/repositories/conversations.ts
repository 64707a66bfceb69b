/** Conversations: written with every message, and listed and read on every request. */
import { keysetOf, toPage, type DbContext } from '../db-context.ts';
import { sql, type Updateable } from 'kysely';
import type { Page, PageRequest } from '../../graph/paging.ts';
import type { ConversationsTable, Folder, NewConversation } from '../schema.ts';
import type {
  ConversationColumn,
  ConversationQuery,
  ConversationView,
  ActivityNote,
  CounterChange,
  MessageNote,
} from '../shapes.ts';

/**
 * Every list row carries its id and paging key, whatever else it is narrowed to. A conversation list's
 * account is its query's own: it is set on the rows rather than read, as every cell read costs SQLite time.
 */
const CONVERSATION_KEYS = ['id', 'updated_at', 'seq'] as const;
const PERSON_COLUMNS: ReadonlySet<string> = new Set(['person_username', 'person_name']);

/** A time column moved to `at` unless it is later already (reading the row as it was before the statement). */
function atLeast(column: 'business_read_at' | 'last_person_activity_at', at: number) {
  const ref = sql.ref(column);
  return sql<number>`case when ${ref} is null or ${ref} < ${at} then ${at} else ${ref} end`;
}

export class ConversationsRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Inserts unless the account already has a conversation with the person. */
  async insert(conversation: NewConversation) {
    await this.ctx.db
      .insertInto('conversations')
      .values(conversation)
      .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
      .execute();
  }

  /** Sets columns and adds to the counters in one statement (safe under concurrent writers). */
  async update(id: string, patch: Updateable<ConversationsTable>, add: CounterChange = {}) {
    const columns = Object.keys(patch)
      .filter((k) => patch[k as keyof typeof patch] !== undefined)
      .sort();
    const shape = `updateConversation:${columns.join(',')}:${add.message_count ? 'm' : ''}${add.unread_count ? 'u' : ''}`;
    const args = {
      id,
      messages: add.message_count ?? 0,
      unread: add.unread_count ?? 0,
      ...Object.fromEntries(columns.map((c) => [`set_${c}`, patch[c as keyof typeof patch]])),
    };
    await this.ctx.queries.run(this.ctx.db, shape, args, (a) =>
      this.ctx.db
        .updateTable('conversations')
        .set((eb) => ({
          ...Object.fromEntries(columns.map((c) => [c, a[`set_${c}` as keyof typeof a]])),
          ...(add.message_count && { message_count: eb('message_count', '+', a.messages) }),
          ...(add.unread_count && { unread_count: eb('unread_count', '+', a.unread) }),
        }))
        .where('id', '=', a.id),
    );
  }

  private allConversationColumns() {
    return this.ctx.db
      .selectFrom('conversations')
      .innerJoin('people', 'people.id', 'conversations.person_id')
      .selectAll('conversations')
      .select(['people.username as person_username', 'people.name as person_name']);
  }

  private conversationViews(
    columns?: readonly ConversationColumn[],
  ): ReturnType<ConversationsRepository['allConversationColumns']> {
    if (!columns) return this.allConversationColumns();
    const own = [...new Set([...CONVERSATION_KEYS, ...columns])].filter((c) => !PERSON_COLUMNS.has(c));
    const person = columns.filter((c) => PERSON_COLUMNS.has(c));
    const base = this.ctx.db
      .selectFrom('conversations')
      .select(own.map((c) => `conversations.${c}` as `conversations.${keyof ConversationsTable}`));
    // The person's names need a join; most lists do not ask for them.
    const query = person.length
      ? base
          .innerJoin('people', 'people.id', 'conversations.person_id')
          .select(
            person.map((c) =>
              c === 'person_username' ? 'people.username as person_username' : 'people.name as person_name',
            ),
          )
      : base;
    return query as unknown as ReturnType<ConversationsRepository['allConversationColumns']>;
  }

  get(id: string): Promise<ConversationView | undefined> {
    return this.ctx.first('getConversation', { id }, (a) =>
      this.conversationViews().where('conversations.id', '=', a.id),
    );
  }

  getFor(accountId: string, personId: string): Promise<ConversationView | undefined> {
    return this.ctx.first('getConversationFor', { accountId, personId }, (a) =>
      this.conversationViews()
        .where('conversations.account_id', '=', a.accountId)
        .where('conversations.person_id', '=', a.personId),
    );
  }

  /**
   * A conversation read to be changed from what was read: on PostgreSQL its row stays locked until the
   * transaction ends, so that concurrent writers take turns (SQLite runs one write transaction at a time).
   */
  lock(id: string): Promise<ConversationView | undefined> {
    return this.ctx.first('lockConversation', { id }, (a) => {
      const query = this.conversationViews().where('conversations.id', '=', a.id);
      return this.ctx.dialect === 'postgres' ? query.forUpdate('conversations') : query;
    });
  }

  /**
   * Moves the person's last activity (by: person) or the business's read mark, clearing the unread count
   * (by: business), forward to `at`, never back: one statement, as `noteMessage`.
   */
  async noteActivity(id: string, activity: ActivityNote) {
    const column = activity.by === 'person' ? 'last_person_activity_at' : 'business_read_at';
    await this.ctx.queries.run(this.ctx.db, `noteActivity:${activity.by}`, { id, at: activity.at }, (a) =>
      this.ctx.db
        .updateTable('conversations')
        .set({
          [column]: atLeast(column, a.at),
          // The business has read everything when it marks the conversation seen.
          ...(activity.by === 'business' && { unread_count: 0 }),
        })
        .where('id', '=', a.id),
    );
  }

  /**
   * A new message's effects on its conversation, in one statement that reads nothing first (so concurrent
   * writers cannot undo each other): one more message; the time and snippet, unless the message is older than
   * the latest; a person's message counts unread and moves their last activity; a business reply clears the
   * unread count and sets its read, first-reply and folder marks.
   */
  async noteMessage(id: string, note: MessageNote) {
    const shape = `noteMessage:${note.fromBusiness ? 'business' : 'person'}:${note.folder ? 'folder' : ''}`;
    const args = { id, at: note.at, snippet: note.snippet, folder: note.folder ?? '' };
    await this.ctx.queries.run(this.ctx.db, shape, args, (a) =>
      this.ctx.db
        .updateTable('conversations')
        .set((eb) => {
          // Every right-hand side reads the row as it was before this statement.
          const latest = sql<boolean>`conversations.updated_at <= ${a.at}`;
          const common = {
            updated_at: sql<number>`case when ${latest} then ${a.at} else conversations.updated_at end`,
            snippet: sql<string | null>`case when ${latest} then ${a.snippet} else conversations.snippet end`,
            message_count: eb('message_count', '+', 1),
          };
          if (!note.fromBusiness) {
            return {
              ...common,
              unread_count: eb('unread_count', '+', 1),
              last_person_activity_at: atLeast('last_person_activity_at', a.at),
            };
          }
          return {
            ...common,
            unread_count: 0,
            business_replied_at: sql<number>`coalesce(business_replied_at, ${a.at})`,
            business_read_at: atLeast('business_read_at', a.at),
            ...(note.folder && { folder: a.folder as Folder }),
          };
        })
        .where('id', '=', a.id),
    );
  }

  async list(
    query: ConversationQuery,
    page: PageRequest,
    columns?: readonly ConversationColumn[],
  ): Promise<Page<ConversationView>> {
    const keyset = keysetOf(page);
    const shape = [
      'listConversations',
      query.folder ? 'f' : '',
      query.personId ? 'p' : '',
      query.hideRequestsIdleBefore !== undefined ? 'h' : '',
      keyset.kind,
      columns?.join(',') ?? '*',
      page.limit + 1,
    ].join(':');
    const args = {
      accountId: query.accountId,
      folder: query.folder ?? '',
      personId: query.personId ?? '',
      idleBefore: query.hideRequestsIdleBefore ?? 0,
      cursorTime: keyset.time,
      cursorSeq: keyset.seq,
    };
    const { compare, direction } = keyset;
    const rows = await this.ctx.queries.rows(this.ctx.db, shape, args, (a) => {
      let q = this.conversationViews(columns)
        .where('conversations.account_id', '=', a.accountId)
        .where('conversations.message_count', '>', 0);
      if (query.folder) q = q.where('conversations.folder', '=', a.folder as Folder);
      if (query.personId) q = q.where('conversations.person_id', '=', a.personId);
      if (query.hideRequestsIdleBefore !== undefined) {
        q = q.where((eb) =>
          eb.not(
            eb.and([
              eb('conversations.folder', '=', 'requests'),
              eb('conversations.updated_at', '<', a.idleBefore),
            ]),
          ),
        );
      }
      if (compare) {
        q = q.where(({ eb, refTuple, tuple }) =>
          eb(
            refTuple('conversations.updated_at', 'conversations.seq'),
            compare,
            tuple(a.cursorTime, a.cursorSeq),
          ),
        );
      }
      return q
        .orderBy('conversations.updated_at', direction)
        .orderBy('conversations.seq', direction)
        .limit(sql.lit(page.limit + 1));
    });
    for (const row of rows) row.account_id = query.accountId;
    return toPage(rows, page);
  }
}
