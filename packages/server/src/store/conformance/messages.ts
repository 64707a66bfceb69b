/** Messages: ids that carry their rows, lists, and the 20-most-recent count. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { NewMessage } from '../schema.ts';
import type { Store } from '../store.ts';
import { T0, accountWithPeople, conversation, message, type StoreSuite } from './rows.ts';
export function messagesSuite(suite: StoreSuite): void {
  describe('messages', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('lists messages newest first with paging, leaving unsent ones out', async () => {
      const { a, people } = await accountWithPeople(store, 1);
      const c = conversation(a.id, people[0]!.id, T0);
      await store.conversations.insert(c);
      const msgs: NewMessage[] = [];
      for (let i = 0; i < 1201; i++)
        msgs.push(await message(store, c.id, T0 + Math.floor(i / 2), i % 2 === 1));
      await store.messages.insertMany(msgs);
      const stored = (await store.conversations.get(c.id))!;
      // The same query with a larger page must not be answered with the smaller one's size.
      expect((await store.messages.list(stored, { limit: 2 })).items).toHaveLength(2);
      expect((await store.messages.list(stored, { limit: 5 })).items).toHaveLength(5);
      const newest = await store.messages.list(stored, { limit: 25 });
      expect(newest.items).toHaveLength(25);
      expect(newest.items[0]!.id).toBe(msgs[1200]!.id);
      expect(newest.items[1]!.id).toBe(msgs[1199]!.id);
      // Ids and times alone come from the index, the ids made from the rows: the same ids as stored.
      const keysOnly = await store.messages.list(stored, { limit: 25 }, ['id', 'created_at']);
      expect(keysOnly.items.map((m) => [m.id, m.created_at, m.seq])).toEqual(
        newest.items.map((m) => [m.id, m.created_at, m.seq]),
      );
      const tail = newest.items.at(-1)!;
      const next = await store.messages.list(stored, { limit: 2, after: [tail.created_at, tail.seq] });
      expect(next.items.map((m) => m.id)).toEqual([msgs[1175]!.id, msgs[1174]!.id]);

      const key = (i: number) => ({
        created_at: msgs[i]!.created_at,
        seq: newest.items.find((m) => m.id === msgs[i]!.id)!.seq,
      });
      expect(await store.messages.countNewer(stored.seq, key(1200), 20)).toBe(0);
      expect(await store.messages.countNewer(stored.seq, key(1198), 20)).toBe(2);
      expect(await store.messages.countNewer(stored.seq, key(1176), 20)).toBe(20);
      const narrow = await store.messages.list(stored, { limit: 2 }, ['text']);
      expect(Object.keys(narrow.items[0]!).sort()).toEqual(['created_at', 'id', 'seq', 'text']);
      expect(await store.messages.delete(msgs[1200]!.seq, T0 + 5000)).toBe(true);
      expect(await store.messages.delete(msgs[1200]!.seq, T0 + 6000)).toBe(false);
      expect(await store.messages.countNewer(stored.seq, key(1198), 20)).toBe(1);
      expect((await store.messages.list(stored, { limit: 1 })).items[0]!.id).toBe(msgs[1199]!.id);
      expect((await store.messages.get(msgs[1200]!.id))?.deleted_at).toBe(T0 + 5000);
      expect(await store.messages.countFromPersonSince(stored.seq, T0 + 598)).toBe(1);
      expect((await store.messages.get(msgs[5]!.id))?.text).toBe(msgs[5]!.text);
      const joined = await store.messages.getWithConversation(msgs[5]!.id, 20);
      expect(joined?.message).toEqual(await store.messages.get(msgs[5]!.id));
      expect(joined?.conversation).toEqual(await store.conversations.get(c.id));
      expect(joined?.newer).toBe(20);
      // 1200 is unsent by now: 1199 is the newest, 1198 has one newer.
      expect((await store.messages.getWithConversation(msgs[1199]!.id, 20))?.newer).toBe(0);
      expect((await store.messages.getWithConversation(msgs[1198]!.id, 20))?.newer).toBe(1);
      expect(await store.messages.getWithConversation('m_missing', 20)).toBeUndefined();
    });
    it('hands out rows once, in order, to many callers at once', async () => {
      const [a, b] = await store.messages.reserveRows(2);
      const [c] = await store.messages.reserveRows(1);
      expect(b).toBeGreaterThan(a!);
      expect(c).toBeGreaterThan(b!);
      const many = await Promise.all([
        store.messages.reserveRows(150),
        ...Array.from({ length: 40 }, () => store.messages.reserveRows(3)),
      ]);
      const all = many.flat();
      expect(all).toHaveLength(270);
      expect(new Set(all).size).toBe(270);
      expect(Math.min(...all)).toBeGreaterThan(c!);
    });

    it('finds a message by the row its id carries, and only with its own id', async () => {
      const { a, people } = await accountWithPeople(store, 1);
      const c = conversation(a.id, people[0]!.id, T0);
      await store.conversations.insert(c);
      const sent = await message(store, c.id, T0, false, 'found');
      await store.messages.insert(sent);
      expect(await store.messages.get(sent.id)).toMatchObject({ seq: sent.seq, text: 'found' });
      // A well-formed id for the same row but another conversation is not this message.
      expect(
        await store.messages.get(store.messages.ids.instagram(sent.seq, '1784', 'aWdfother')),
      ).toBeUndefined();
      expect(await store.messages.get(store.messages.ids.messenger(sent.seq + 1_000_000))).toBeUndefined();
      // Lists made of ids and times make the ids from the rows: the same ids a full read finds.
      const conversationKey = (await store.conversations.get(c.id))!;
      const full = await store.messages.list(conversationKey, { limit: 25 });
      const keysOnly = await store.messages.list(conversationKey, { limit: 25 }, ['id', 'created_at']);
      expect(keysOnly.items.map((m) => m.id)).toEqual(full.items.map((m) => m.id));
      expect(keysOnly.items.map((m) => m.id)).toEqual([sent.id]);
    });
  });
}
