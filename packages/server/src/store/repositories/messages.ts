/** Messages: the queries the Graph API reads on every request (conversations in conversations.ts). */
import { keysetOf, toPage, type DbContext } from '../db-context.ts';
import { sql } from 'kysely';
import type { Page, PageRequest } from '../../graph/paging.ts';
import { CONVERSATION_COLUMNS, MESSAGE_COLUMNS } from '../schema.ts';
import type { MessageRow, NewMessage } from '../schema.ts';
import type { ConversationKey, ConversationView, MessageColumn } from '../shapes.ts';

/** Every list row carries its paging key, whatever else it is narrowed to (its id is made from its row). */
const MESSAGE_KEYS = ['created_at', 'seq'] as const;
const KEY_COLUMNS = new Set<string>(['id', ...MESSAGE_KEYS]);

/** Prefix of the conversation's columns when read joined to a message. */
const JOINED = 'conversation__';
const NEWER = 'newer_messages';

/** Message rows PostgreSQL's sequence hands out at a time (see reserveRows). */
const ROW_BLOCK = 64;

/** Rows per multi-row INSERT: well under both dialects' bound-parameter limits. */
const INSERT_CHUNK = 500;

export class MessagesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** How message ids are made: a new message's id carries the row number reserved for it. */
  get ids() {
    return this.ctx.messageIds;
  }

  async insert(message: NewMessage) {
    const columns = Object.keys(message)
      .filter((k) => message[k as keyof NewMessage] !== undefined)
      .sort();
    await this.ctx.queries.run(
      this.ctx.db,
      `insertMessage:${columns.join(',')}`,
      Object.fromEntries(columns.map((c) => [c, message[c as keyof NewMessage]])),
      (a) => this.ctx.db.insertInto('messages').values(a as NewMessage),
    );
  }

  async insertMany(messages: readonly NewMessage[]) {
    for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
      await this.ctx.db
        .insertInto('messages')
        .values(messages.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  /** Row numbers for new messages, each handed out once. */
  async reserveRows(count: number): Promise<number[]> {
    const rows = this.ctx.messageRows;
    if (rows.kind === 'counter') {
      const first = rows.last + 1;
      rows.last += count;
      return Array.from({ length: count }, (_, i) => first + i);
    }
    // One round trip per block, not per message.
    while (rows.rows.length < count) {
      const { rows: taken } = await sql<{ seq: number }>`
        select nextval(pg_get_serial_sequence('messages', 'seq')) as seq
        from generate_series(1, ${Math.max(count, ROW_BLOCK)})
      `.execute(this.ctx.db);
      rows.rows.push(...taken.map((row) => Number(row.seq)));
    }
    return rows.rows.splice(0, count);
  }

  /** Marks a live message deleted; false when it was deleted already. */
  async delete(seq: number, at: number) {
    const { numUpdatedRows } = await this.ctx.db
      .updateTable('messages')
      .set({ deleted_at: at })
      .where('seq', '=', seq)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return numUpdatedRows > 0n;
  }

  /** Replaces a live message's text, counting the edit; its edits so far, or undefined when it is deleted. */
  async edit(seq: number, text: string) {
    const row = await this.ctx.db
      .updateTable('messages')
      .set((eb) => ({ text, edit_count: eb('edit_count', '+', 1) }))
      .where('seq', '=', seq)
      .where('deleted_at', 'is', null)
      .returning('edit_count')
      .executeTakeFirst();
    return row?.edit_count;
  }

  async get(id: string): Promise<MessageRow | undefined> {
    // The row is what makes a message unique; the id must match too (a well-formed id for another row is
    // not that row's message).
    const row = this.ctx.messageIds.rowOf(id);
    if (row === undefined) return undefined;
    return this.ctx.first('getMessage', { id, row }, (a) =>
      this.ctx.db.selectFrom('messages').selectAll().where('seq', '=', a.row).where('id', '=', a.id),
    );
  }

  /** A message with its conversation, and how many live messages are newer (up to `newerUpTo`), in one read. */
  async getWithConversation(id: string, newerUpTo: number) {
    const seq = this.ctx.messageIds.rowOf(id);
    if (seq === undefined) return undefined;
    // Limits are written into the SQL: SQLite plans a bound LIMIT in a subquery far worse than a literal one.
    const shape = `getMessageWithConversation:${newerUpTo}`;
    const row = await this.ctx.first(shape, { id, row: seq }, (a) =>
      this.ctx.db
        .selectFrom('messages')
        .innerJoin('conversations', 'conversations.seq', 'messages.conversation_seq')
        .innerJoin('people', 'people.id', 'conversations.person_id')
        .selectAll('messages')
        .select(CONVERSATION_COLUMNS.map((c) => `conversations.${c} as ${JOINED}${c}` as const))
        .select(['people.username as person_username', 'people.name as person_name'])
        // How many live messages of the conversation are newer, counted no further than asked.
        .select((eb) =>
          eb
            .selectFrom(
              eb
                .selectFrom('messages as newer')
                .select('newer.seq')
                .whereRef('newer.conversation_seq', '=', 'messages.conversation_seq')
                .where('newer.deleted_at', 'is', null)
                .where(({ eb: e, refTuple }) =>
                  e(
                    refTuple('newer.created_at', 'newer.seq'),
                    '>',
                    refTuple('messages.created_at', 'messages.seq'),
                  ),
                )
                .limit(sql.lit(newerUpTo))
                .as('n'),
            )
            .select((e) => e.fn.countAll<number>().as('c'))
            .as(NEWER),
        )
        .where('messages.seq', '=', a.row)
        .where('messages.id', '=', a.id),
    );
    if (!row) return undefined;
    const joined = row as Record<string, unknown>;
    const message: Record<string, unknown> = {};
    for (const column of MESSAGE_COLUMNS) message[column] = joined[column];
    const conversation: Record<string, unknown> = {
      person_username: joined.person_username,
      person_name: joined.person_name,
    };
    for (const column of CONVERSATION_COLUMNS) conversation[column] = joined[JOINED + column];
    return {
      message: message as MessageRow,
      conversation: conversation as unknown as ConversationView,
      newer: Number(joined[NEWER]),
    };
  }

  /** Messages not deleted, newest first. */
  async list(
    conversation: ConversationKey,
    page: PageRequest,
    columns?: readonly MessageColumn[],
  ): Promise<Page<MessageRow>> {
    const keyset = keysetOf(page);
    // A list of ids and times reads the index alone; one that reads more of each message reads its id too.
    const keysOnly = columns?.every((c) => KEY_COLUMNS.has(c)) ?? false;
    const shape = `listMessages:${keyset.kind}:${columns?.join(',') ?? '*'}:${page.limit + 1}`;
    const args = { conversationSeq: conversation.seq, cursorTime: keyset.time, cursorSeq: keyset.seq };
    const { compare, direction } = keyset;
    const rows = await this.ctx.queries.rows(this.ctx.db, shape, args, (a) => {
      const from = this.ctx.db.selectFrom('messages');
      const selected = keysOnly
        ? from.select(MESSAGE_KEYS)
        : columns
          ? from.select([...new Set(['id' as const, ...MESSAGE_KEYS, ...columns])])
          : from.selectAll();
      let q = selected.where('conversation_seq', '=', a.conversationSeq).where('deleted_at', 'is', null);
      if (compare) {
        q = q.where(({ eb, refTuple, tuple }) =>
          eb(refTuple('created_at', 'seq'), compare, tuple(a.cursorTime, a.cursorSeq)),
        );
      }
      return q
        .orderBy('created_at', direction)
        .orderBy('seq', direction)
        .limit(sql.lit(page.limit + 1));
    });
    const result = toPage(rows as MessageRow[], page);
    // Only the page's own rows: the one read past it only tells whether there are more.
    if (keysOnly) this.fillIds(result.items, conversation);
    return result;
  }

  /** Gives rows read without their ids their ids, made from their rows. */
  private fillIds(rows: MessageRow[], conversation: ConversationKey) {
    const ids = this.ctx.messageIds.ofRows(
      rows.map((row) => row.seq),
      conversation,
    );
    rows.forEach((row, i) => (row.id = ids[i]!));
  }

  /** How many live messages of the conversation are newer than `key`, counting no further than `atMost`. */
  async countNewer(conversationSeq: number, key: { created_at: number; seq: number }, atMost: number) {
    const row = await this.ctx.first(
      'countNewerMessages',
      { conversationSeq, time: key.created_at, seq: key.seq, atMost },
      (a) =>
        this.ctx.db
          .selectFrom(
            this.ctx.db
              .selectFrom('messages')
              .select('seq')
              .where('conversation_seq', '=', a.conversationSeq)
              .where('deleted_at', 'is', null)
              .where(({ eb, refTuple, tuple }) =>
                eb(refTuple('created_at', 'seq'), '>', tuple(a.time, a.seq)),
              )
              .limit(sql.lit(atMost))
              .as('newer'),
          )
          .select((eb) => eb.fn.countAll<number>().as('n')),
    );
    return Number(row?.n ?? 0);
  }

  /** Messages from the person after `since` not deleted. */
  async countFromPersonSince(conversationSeq: number, since: number) {
    const row = await this.ctx.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_seq', '=', conversationSeq)
      .where('from_business', '=', 0)
      .where('deleted_at', 'is', null)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
