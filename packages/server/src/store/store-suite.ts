/**
 * The storage conformance suite: every adapter must pass it unchanged.
 * Each adapter's test file is a few lines calling runStoreSuite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../graph/ids.ts';
import type { NewMessage, PersonRow } from './schema.ts';
import type { Store } from './store.ts';
import { T0, account, conversation, message, person } from './store-suite-rows.ts';

export interface StoreFixture {
  /** Opens the adapter's store on its test database (migrating it). */
  open(): Promise<Store>;
  /** Removes the test database. */
  drop(): Promise<void>;
}

export function runStoreSuite(name: string, fixture: StoreFixture): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await fixture.open();
    });
    afterAll(async () => {
      await store.close();
      await fixture.drop();
    });

    async function accountWithPeople(count: number) {
      const a = account('page');
      await store.accounts.insert(a);
      const people: PersonRow[] = [];
      for (let i = 0; i < count; i++) {
        const p = person();
        await store.people.insert(p);
        people.push(p);
      }
      return { a, people };
    }

    it('migrates idempotently: opening the same database again works, and keeps its data', async () => {
      await store.settings.set('probe', 'x');
      await store.close();
      store = await fixture.open();
      expect(await store.settings.get('probe')).toBe('x');
    });

    it('upserts settings', async () => {
      await store.settings.set('k', '1');
      await store.settings.set('k', '2');
      expect(await store.settings.get('k')).toBe('2');
      expect(await store.settings.get('missing')).toBeUndefined();
    });

    it('stores and finds accounts, people, follows, scoped ids and tokens', async () => {
      const ig = account('instagram');
      const page = { ...account('page'), instagram_account_id: ig.id };
      await store.accounts.insert(ig);
      await store.accounts.insert(page);
      expect(await store.accounts.get(ig.id)).toEqual(ig);
      expect(await store.accounts.getByAppScopedId(ig.app_scoped_id!)).toEqual(ig);
      expect((await store.accounts.getPageLinkedTo(ig.id))?.id).toBe(page.id);

      const p = person();
      await store.people.insert(p);
      expect(await store.people.get(p.id)).toEqual(p);
      expect((await store.people.getByUsername(p.username))?.id).toBe(p.id);

      expect(await store.people.addFollow(p.id, ig.id, T0)).toBe(true);
      expect(await store.people.addFollow(p.id, ig.id, T0)).toBe(false);
      expect(await store.people.isFollowing(p.id, ig.id)).toBe(true);
      await store.people.removeFollow(p.id, ig.id);
      expect(await store.people.isFollowing(p.id, ig.id)).toBe(false);

      const first = await store.people.ensureScopedId({
        scoped_id: '1000000000000001',
        account_id: ig.id,
        person_id: p.id,
        created_at: T0,
      });
      const second = await store.people.ensureScopedId({
        scoped_id: '1000000000000002',
        account_id: ig.id,
        person_id: p.id,
        created_at: T0,
      });
      expect(second).toBe(first);
      expect(await store.people.getScopedId(first)).toEqual({
        scoped_id: first,
        account_id: ig.id,
        person_id: p.id,
        blocked_at: null,
      });
      await store.people.setBlocked(ig.id, p.id, T0);
      expect((await store.people.getScopedId(first))?.blocked_at).toBe(T0);

      const token = {
        token: newId.pageToken(),
        app_id: '1',
        account_id: page.id,
        kind: 'page' as const,
        scopes: '["a"]',
        expires_at: T0 + 1,
        created_at: T0,
      };
      await store.tokens.insert(token);
      expect(await store.tokens.get(token.token)).toEqual(token);
    });

    it('lists conversations newest first, with keyset paging both ways, folder, person and stale-request filters', async () => {
      const { a, people } = await accountWithPeople(7);
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

    it('lists messages newest first with paging, leaving unsent ones out', async () => {
      const { a, people } = await accountWithPeople(1);
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

    it('commits a transaction whole, or not at all', async () => {
      const { a, people } = await accountWithPeople(1);
      const c = conversation(a.id, people[0]!.id, T0);
      await expect(
        store.transaction(async (tx) => {
          await tx.conversations.insert(c);
          await tx.messages.insert(await message(tx, c.id, T0));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.conversations.get(c.id)).toBeUndefined();
      await store.transaction(async (tx) => {
        await tx.conversations.insert(c);
        await tx.messages.insert(await message(tx, c.id, T0));
      });
      expect(await store.conversations.get(c.id)).toBeDefined();
    });

    it('keeps concurrent transactions apart: a failing one rolls back alone', async () => {
      const { a, people } = await accountWithPeople(3);
      const rows = people.map((p) => conversation(a.id, p.id, T0));
      const messageIds: string[] = [];
      const results = await Promise.allSettled(
        rows.map((row, i) =>
          store.transaction(async (tx) => {
            await tx.conversations.insert(row);
            const sent = await message(tx, row.id, T0);
            await tx.messages.insert(sent);
            messageIds[i] = sent.id;
            if (i === 1) throw new Error('second fails');
            return row.id;
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.conversations.get(rows[0]!.id)).toBeDefined();
      expect(await store.conversations.get(rows[1]!.id)).toBeUndefined();
      expect(await store.messages.get(messageIds[1]!)).toBeUndefined();
      expect(await store.messages.get(messageIds[2]!)).toBeDefined();
      expect(await store.conversations.get(rows[2]!.id)).toBeDefined();
    });

    it('notes concurrent messages on a conversation without losing any, whatever order they commit in', async () => {
      const { a, people } = await accountWithPeople(1);
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

    it('upserts and removes reactions', async () => {
      const id = 'm_reacted';
      await store.reactions.upsert({
        message_id: id,
        reactor: 'person',
        reaction: 'love',
        emoji: '❤️',
        created_at: T0,
      });
      await store.reactions.upsert({
        message_id: id,
        reactor: 'person',
        reaction: 'wow',
        emoji: '😮',
        created_at: T0 + 1,
      });
      expect(await store.reactions.list(id)).toEqual([
        { message_id: id, reactor: 'person', reaction: 'wow', emoji: '😮', created_at: T0 + 1 },
      ]);
      expect(await store.reactions.delete(id, 'person')).toBe(true);
      expect(await store.reactions.delete(id, 'person')).toBe(false);
    });

    it('resets everything but the settings it is told to keep', async () => {
      await store.settings.set('keep', 'yes');
      await store.settings.set('drop', 'no');
      await store.reset(['keep']);
      expect(await store.settings.get('keep')).toBe('yes');
      expect(await store.settings.get('drop')).toBeUndefined();
      expect(await store.settings.get('k')).toBeUndefined();
    });
  });
}
