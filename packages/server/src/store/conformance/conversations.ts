/** Conversations: written with every message, listed and read on every request. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { T0, accountWithPeople, conversation, message, type StoreSuite } from './rows.ts';
export function conversationsSuite(suite: StoreSuite): void {
  describe('conversations', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('lists conversations newest first, with keyset paging both ways, folder, person and stale-request filters', async () => {
      const { a, people } = await accountWithPeople(store, 7);
      const rows = people.map((p, i) =>
        conversation(a.id, p.id, T0 + (i % 3) * 1000, i === 6 ? 'requests' : 'inbox'),
      );
      for (const row of rows) await store.conversations.insert(row);
      await store.conversations.insert({ ...conversation(a.id, people[0]!.id, T0), id: 't_duplicate' });
      expect(await store.conversations.get('t_duplicate')).toBeUndefined();

      const all = await store.conversations.list({ accountId: a.id }, { limit: 100 });
      const narrow = await store.conversations.list({ accountId: a.id }, { limit: 1 }, ['folder']);
      expect(Object.keys(narrow.items[0]!).sort()).toEqual([
        'account_id',
        'folder',
        'id',
        'seq',
        'updated_at',
      ]);
      const withPerson = await store.conversations.list({ accountId: a.id }, { limit: 1 }, [
        'person_username',
      ]);
      expect(withPerson.items[0]!.person_username).toBeTruthy();
      expect(all.items).toHaveLength(7);
      const keys = all.items.map((c) => [c.updated_at, c.seq] as const);
      const sorted = [...keys].sort((x, y) => y[0] - x[0] || y[1] - x[1]);
      expect(keys).toEqual(sorted);
      expect(all.items[0]!.person_username).toBeTruthy();

      expect((await store.conversations.list({ accountId: a.id }, { limit: 1 })).items).toHaveLength(1);
      const first = await store.conversations.list({ accountId: a.id }, { limit: 3 });
      expect(first.more).toBe(true);
      const last = first.items.at(-1)!;
      const second = await store.conversations.list(
        { accountId: a.id },
        { limit: 3, after: [last.updated_at, last.seq] },
      );
      expect(second.items.map((c) => c.id)).toEqual(all.items.slice(3, 6).map((c) => c.id));
      const head = second.items[0]!;
      const back = await store.conversations.list(
        { accountId: a.id },
        { limit: 3, before: [head.updated_at, head.seq] },
      );
      expect(back.items.map((c) => c.id)).toEqual(first.items.map((c) => c.id));
      expect(back.more).toBe(false);

      expect(
        (await store.conversations.list({ accountId: a.id, folder: 'requests' }, { limit: 10 })).items,
      ).toHaveLength(1);
      expect(
        (await store.conversations.list({ accountId: a.id, personId: people[2]!.id }, { limit: 10 })).items,
      ).toHaveLength(1);
      const hidden = await store.conversations.list(
        { accountId: a.id, hideRequestsIdleBefore: T0 + 10_000 },
        { limit: 10 },
      );
      expect(hidden.items.map((c) => c.folder)).not.toContain('requests');

      await store.conversations.update(rows[1]!.id, {}, { message_count: -1 });
      const withoutEmpty = await store.conversations.list({ accountId: a.id }, { limit: 100 });
      expect(withoutEmpty.items.map((c) => c.id)).not.toContain(rows[1]!.id);
    });

    it('notes concurrent messages on a conversation without losing any, whatever order they commit in', async () => {
      const { a, people } = await accountWithPeople(store, 1);
      const c = { ...conversation(a.id, people[0]!.id, T0), message_count: 0 };
      await store.conversations.insert(c);
      // Times out of order: the newest sets the time and snippet, whenever it commits.
      const times = Array.from({ length: 40 }, (_, i) => T0 + ((i * 17) % 40));
      await Promise.all(
        times.map((at) =>
          store.transaction(async (tx) => {
            await tx.messages.insert(await message(tx, c.id, at));
            await tx.conversations.noteMessage(c.id, { at, snippet: `at ${at}`, fromBusiness: false });
          }),
        ),
      );
      const newest = { updated_at: T0 + 39, snippet: `at ${T0 + 39}` };
      expect(await store.conversations.get(c.id)).toMatchObject({
        ...newest,
        message_count: 40,
        unread_count: 40,
      });
      await store.conversations.noteMessage(c.id, {
        at: T0 + 20,
        snippet: 'late',
        fromBusiness: true,
        folder: 'general',
      });
      const replied = {
        unread_count: 0,
        folder: 'general',
        business_replied_at: T0 + 20,
        business_read_at: T0 + 20,
      };
      expect(await store.conversations.get(c.id)).toMatchObject({ ...newest, ...replied, message_count: 41 });
      await store.conversations.noteActivity(c.id, { by: 'person', at: T0 + 10 }); // older than the last: no change
      expect((await store.conversations.get(c.id))?.last_person_activity_at).toBe(T0 + 39);
    });
  });
}
