/** The store itself: migrations, transactions and reset. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { T0, accountWithPeople, conversation, message, type StoreSuite } from './rows.ts';
export function lifecycleSuite(suite: StoreSuite): void {
  describe('lifecycle', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('migrates idempotently: opening the same database again works, and keeps its data', async () => {
      await store.settings.set('probe', 'x');
      await store.close();
      store = await suite.reopen();
      expect(await store.settings.get('probe')).toBe('x');
    });

    it('claims a setting once: a second claim, or one rolled back, leaves the first value', async () => {
      expect(await store.settings.claim('claimed', 'first')).toBe(true);
      expect(await store.settings.claim('claimed', 'second')).toBe(false);
      await expect(
        store.transaction(async (tx) => {
          expect(await tx.settings.claim('rolled-back', 'x')).toBe(true);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.settings.claim('rolled-back', 'y')).toBe(true);
      expect([await store.settings.get('claimed'), await store.settings.get('rolled-back')]).toEqual([
        'first',
        'y',
      ]);
    });

    it('commits a transaction whole, or not at all', async () => {
      const { a, people } = await accountWithPeople(store, 1);
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
      const { a, people } = await accountWithPeople(store, 3);
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

    it('resets everything but the settings it is told to keep', async () => {
      await store.settings.set('keep', 'yes');
      await store.settings.set('drop', 'no');
      await store.reset(['keep']);
      expect(await store.settings.get('keep')).toBe('yes');
      expect(await store.settings.get('drop')).toBeUndefined();
      expect(await store.settings.get('k')).toBeUndefined();
    });
    it('never hands out a message row again after a reset, so no id is given twice', async () => {
      const [last] = await store.messages.reserveRows(1);
      await store.reset([]);
      store = await suite.reopen();
      const [next] = await store.messages.reserveRows(1);
      expect(next).toBeGreaterThan(last!);
    });
  });
}
