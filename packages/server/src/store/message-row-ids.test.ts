/**
 * Message ids carry their row (0006_message_row_ids), and are made from it alone (0012_conversation_message_rows):
 * a database with messages from before either keeps finding them by their ids and listing them with the ids
 * they were given, while new ones are found by their rows and listed with ids made from their rows.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseBefore } from '../../test/support/legacy-database.ts';
import { describeEachStore, newDatabaseTarget, type DatabaseTarget } from '../../test/support/stores.ts';
import { MessageIds } from '../graph/message-ids.ts';
import { openStore } from './open-store.ts';
import type { NewConversation, NewMessage } from './schema.ts';
import { SERVER_SECRET_KEY } from './server-secret.ts';
import type { ConversationKey, Store } from './store.ts';

const T0 = 1_780_000_000_000;
const THREAD = 't_1';
const legacyId = (i: number) => `m_legacy_${i}_${randomBytes(40).toString('base64url')}`;

/**
 * A database as Parley left it before ids were made from rows alone: three messages from before ids carried
 * rows, then two whose ids carry their rows but end in random bytes, as ids were made then.
 */
async function databaseOfBefore(target: string, secret: Buffer): Promise<string[]> {
  const ids = [legacyId(1), legacyId(2), legacyId(3)];
  await databaseBefore(target, '0006', async (db) => {
    await db
      .insertInto('people')
      .values({ id: '1', username: 'someone', created_at: T0, follower_count: 0, is_verified: 0 })
      .execute();
    await db
      .insertInto('conversations')
      .values({
        id: THREAD,
        account_id: '100000000000001',
        person_id: '1',
        scoped_id: '2',
        folder: 'inbox',
        created_at: T0,
        updated_at: T0,
      } as NewConversation)
      .execute();
    for (const [i, id] of ids.entries()) {
      const row = { id, conversation_id: THREAD, from_business: 0, created_at: T0 + i, text: `old ${i}` };
      await db
        .insertInto('messages')
        .values(row as NewMessage)
        .execute();
    }
  });
  const rowCarrying = new MessageIds(secret);
  await databaseBefore(target, '0012', async (db) => {
    await db
      .insertInto('settings')
      .values({ key: SERVER_SECRET_KEY, value: secret.toString('base64') })
      .execute();
    for (const i of [3, 4]) {
      const row = { id: '', conversation_id: THREAD, from_business: 1, created_at: T0 + i, text: `old ${i}` };
      const { seq } = await db
        .insertInto('messages')
        .values(row as NewMessage)
        .returning('seq')
        .executeTakeFirstOrThrow();
      const made = rowCarrying.messenger(Number(seq));
      const id =
        made.slice(0, 24) +
        randomBytes(48)
          .toString('base64url')
          .slice(0, made.length - 24);
      await db.updateTable('messages').set({ id }).where('seq', '=', seq).execute();
      ids.push(id);
    }
  });
  return ids;
}

describeEachStore('message ids that carry their row', (kind) => {
  let target: DatabaseTarget;
  let store: Store;
  let before: string[];
  let conversation: ConversationKey;

  beforeAll(async () => {
    target = newDatabaseTarget(kind);
    before = await databaseOfBefore(target.target, randomBytes(32));
    store = await openStore(target.target);
    conversation = (await store.getConversation(THREAD))!;
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
  });

  async function insertNew(text: string, onStore = store): Promise<NewMessage> {
    const [seq] = await onStore.reserveMessageRows(1);
    const message = {
      seq: seq!,
      id: onStore.messageIds.of(seq!, conversation),
      conversation_id: THREAD,
      conversation_seq: conversation.seq,
      from_business: 1,
      created_at: T0 + 10,
      text,
    };
    await onStore.insertMessage(message);
    return message;
  }

  it('finds messages stored before by their ids, and new ones by their rows', async () => {
    for (const [i, id] of before.entries()) expect((await store.getMessage(id))?.text).toBe(`old ${i}`);
    const fresh = await insertNew('new');
    expect(fresh.seq).toBeGreaterThan(5);
    expect(await store.getMessage(fresh.id)).toMatchObject({ seq: fresh.seq, text: 'new' });
    expect(await store.getMessage(legacyId(4))).toBeUndefined();
    // A well-formed id for a row that holds another message is not that message.
    expect(await store.getMessage(store.messageIds.instagram(fresh.seq, '1784', THREAD))).toBeUndefined();
    expect(await store.getMessage(store.messageIds.messenger(2))).toBeUndefined();
    expect(await store.getMessage(store.messageIds.messenger(4))).toBeUndefined();
  });

  it('lists every message with the id it was given, made from its row or read for those stored before', async () => {
    const fresh = await insertNew('listed');
    const full = await store.listMessages(conversation, { limit: 25 });
    const keysOnly = await store.listMessages(conversation, { limit: 25 }, ['id', 'created_at']);
    expect(keysOnly.items.map((m) => m.id)).toEqual(full.items.map((m) => m.id));
    expect(keysOnly.items.map((m) => m.id)).toEqual(expect.arrayContaining([...before, fresh.id]));
    expect(keysOnly.items).toHaveLength(full.items.length);
  });

  it('changes a message by its row, old or new', async () => {
    const old = (await store.getMessage(before[0]!))!;
    expect(await store.editMessage(old.seq, 'edited')).toBe(1);
    expect((await store.getMessage(before[0]!))?.text).toBe('edited');
    expect((await store.getMessage(before[1]!))?.text).toBe('old 1');
  });

  it('hands out rows once, in order', async () => {
    const [a, b] = await store.reserveMessageRows(2);
    const [c] = await store.reserveMessageRows(1);
    expect(b).toBeGreaterThan(a!);
    expect(c).toBeGreaterThan(b!);
    const later = await insertNew('after reserving');
    expect(later.seq).toBeGreaterThan(c!);
    // Many at once, and many callers at once: each row once.
    const many = await Promise.all([
      store.reserveMessageRows(150),
      ...Array.from({ length: 40 }, () => store.reserveMessageRows(3)),
    ]);
    const all = many.flat();
    expect(all).toHaveLength(270);
    expect(new Set(all).size).toBe(270);
    expect(Math.min(...all)).toBeGreaterThan(later.seq);
  });

  it('keeps no index over the ids themselves: a row is what makes a message unique', async () => {
    const [seq] = await store.reserveMessageRows(1);
    const copy = {
      seq: seq!,
      id: before[1]!,
      conversation_id: THREAD,
      conversation_seq: conversation.seq,
      from_business: 0,
      created_at: T0,
      text: 'copy',
    };
    await expect(store.insertMessage(copy)).resolves.toBeUndefined();
    // The old id still leads to its own row, among the rows of before.
    expect((await store.getMessage(before[1]!))?.text).toBe('old 1');
  });

  it('never hands out a row again after a reset, so no id is given twice', async () => {
    const last = await insertNew('before the reset');
    await store.reset([SERVER_SECRET_KEY]);
    await store.close();
    store = await openStore(target.target);
    const [next] = await store.reserveMessageRows(1);
    expect(next).toBeGreaterThan(last.seq);
  });
});
