import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDatabaseTarget, postgresAvailable } from '../../../test/support/stores.ts';
import { openStore } from '../open-store.ts';
import { runStoreSuite } from '../conformance/suite.ts';
import type { Store } from '../store.ts';

describe.skipIf(!postgresAvailable())('postgres store (skipped when no PostgreSQL is reachable)', () => {
  const db = newDatabaseTarget('postgres');
  runStoreSuite('postgres', { open: () => openStore(db.target), drop: () => db.drop() });
});

describe.skipIf(!postgresAvailable())(
  'postgres transactions (skipped when no PostgreSQL is reachable)',
  () => {
    const db = newDatabaseTarget('postgres');
    let store: Store;
    beforeAll(async () => {
      store = await openStore(db.target);
    });
    afterAll(async () => {
      await store.close();
      await db.drop();
    });

    it('runs a transaction again when PostgreSQL aborts it as a deadlock victim', async () => {
      await store.settings.set('left', '0');
      await store.settings.set('right', '0');
      // Each transaction locks one row, waits until the other has locked the other row, then wants that one.
      let locked = 0;
      let bothLocked!: () => void;
      const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
      let runs = 0;
      const crosswise = (first: string, second: string) =>
        store.transaction(async (tx) => {
          runs++;
          await tx.settings.set(first, first);
          if (++locked === 2) bothLocked();
          await barrier;
          await tx.settings.set(second, first);
          return first;
        });
      expect(await Promise.all([crosswise('left', 'right'), crosswise('right', 'left')])).toEqual([
        'left',
        'right',
      ]);
      // PostgreSQL aborted one of them; it ran again after the other committed, so it wrote both rows last.
      expect(runs).toBe(3);
      const left = await store.settings.get('left');
      expect(['left', 'right']).toContain(left);
      expect(await store.settings.get('right')).toBe(left);
    });
  },
);

describe.skipIf(!postgresAvailable())('postgres schemas (skipped when no PostgreSQL is reachable)', () => {
  it('migrates a fresh schema beside another Parley schema of the same database', async () => {
    const first = newDatabaseTarget('postgres');
    const second = newDatabaseTarget('postgres');
    const stores = [await openStore(first.target)];
    try {
      // The first schema now holds Kysely's migration tables; the second must still get its own.
      stores.push(await openStore(second.target));
      await stores[1]!.settings.set('probe', 'x');
      expect(await stores[1]!.settings.get('probe')).toBe('x');
      expect(await stores[0]!.settings.get('probe')).toBeUndefined();
    } finally {
      for (const store of stores) await store.close();
      await first.drop();
      await second.drop();
    }
  });

  it('opens a new schema from several processes at once', async () => {
    const db = newDatabaseTarget('postgres');
    const opened = await Promise.allSettled(Array.from({ length: 6 }, () => openStore(db.target)));
    try {
      expect(opened.filter((result) => result.status === 'rejected')).toEqual([]);
    } finally {
      for (const result of opened) if (result.status === 'fulfilled') await result.value.close();
      await db.drop();
    }
  });
});
