/**
 * Message ids carry their row (0006_message_row_ids): a database with messages from before keeps finding them
 * by their ids, and new ones by their rows, with no index over the ids but the old rows' own.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseBefore } from '../../test/support/legacy-database.ts';
import { describeEachStore, newDatabaseTarget, type DatabaseTarget } from '../../test/support/stores.ts';
import { openStore } from './open-store.ts';
import type { NewMessage } from './schema.ts';
import type { Store } from './store.ts';

const T0 = 1_780_000_000_000;
const legacyId = (i: number) => `m_legacy_${i}_${randomBytes(40).toString('base64url')}`;

/** A database migrated as Parley did before message ids carried rows, holding three messages. */
async function legacyDatabase(target: string): Promise<string[]> {
  const ids = [legacyId(1), legacyId(2), legacyId(3)];
  await databaseBefore(target, '0006', async (db) => {
    for (const [i, id] of ids.entries()) {
      await db
        .insertInto('messages')
        .values({
          id,
          conversation_id: 't_1',
          from_business: 0,
          created_at: T0 + i,
          text: `old ${i}`,
        } as NewMessage)
        .execute();
    }
  });
  return ids;
}

describeEachStore('message ids that carry their row', (kind) => {
  let target: DatabaseTarget;
  let store: Store;
  let legacy: string[];

  beforeAll(async () => {
    target = newDatabaseTarget(kind);
    legacy = await legacyDatabase(target.target);
    store = await openStore(target.target);
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
  });

  async function insertNew(text: string): Promise<NewMessage> {
    const [seq] = await store.reserveMessageRows(1);
    const message = {
      seq: seq!,
      id: store.messageIds.messenger(seq!),
      conversation_id: 't_1',
      from_business: 1,
      created_at: T0 + 10,
      text,
    };
    await store.insertMessage(message);
    return message;
  }

  it('finds messages stored before by their ids, and new ones by their rows', async () => {
    for (const [i, id] of legacy.entries()) expect((await store.getMessage(id))?.text).toBe(`old ${i}`);
    const fresh = await insertNew('new');
    expect(fresh.seq).toBeGreaterThan(3);
    expect(await store.getMessage(fresh.id)).toMatchObject({ seq: fresh.seq, text: 'new' });
    expect(await store.getMessage(legacyId(4))).toBeUndefined();
    // A well-formed id for a row that holds another message is not that message.
    expect(await store.getMessage(store.messageIds.messenger(fresh.seq))).toBeUndefined();
    expect(await store.getMessage(store.messageIds.messenger(2))).toBeUndefined();
  });

  it('changes a message by its row, old or new', async () => {
    const old = (await store.getMessage(legacy[0]!))!;
    expect(await store.editMessage(old.seq, 'edited')).toBe(1);
    expect((await store.getMessage(legacy[0]!))?.text).toBe('edited');
    expect((await store.getMessage(legacy[1]!))?.text).toBe('old 1');
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
      id: legacy[1]!,
      conversation_id: 't_1',
      from_business: 0,
      created_at: T0,
      text: 'copy',
    };
    await expect(store.insertMessage(copy)).resolves.toBeUndefined();
    // The old id still leads to its own row, among the rows of before.
    expect((await store.getMessage(legacy[1]!))?.text).toBe('old 1');
  });
});
