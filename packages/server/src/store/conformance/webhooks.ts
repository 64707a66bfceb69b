/**
 * The webhook outbox and its streams. A claim reads each stream's rows as one aggregated row: the statuses of
 * the few rows settled one by one, and each row's account, come back right beside the many pending rows of
 * one account. Whether a claim would find anything is answered by a read alone, by the same rules.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { T0, type StoreSuite } from './rows.ts';

export function webhooksSuite(suite: StoreSuite): void {
  describe('webhooks', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });

    /** An event for a conversation (the stream's key), delivered to the app installed on an account. */
    const queue = (orderKey: number, installedOn: string, n: number) =>
      store.transaction(async (tx) => {
        const delivery = {
          app_id: 'app',
          object: 'instagram' as const,
          installed_on: installedOn,
          order_key: orderKey,
          field: 'messages',
          channel: 'messaging' as const,
          created_at: T0 + n,
        };
        const event = { account_id: installedOn, event: `{"n":${n}}`, event_time: T0 + n };
        return tx.outbox.insertEvent(event, [delivery]);
      });

    it("answers each row's status and account, in row order", async () => {
      // Conversation 1: two events while the app was installed on one account, then one after it was
      // installed on the other; conversation 2: one account throughout.
      await queue(1, '17841400000000001', 1);
      await queue(2, '17841400000000001', 2);
      await queue(1, '17841400000000001', 3);
      await queue(2, '17841400000000001', 4);
      await queue(1, '17841400000000002', 5);
      const listed = await store.deliveries.list({ appId: 'app', limit: 10 });
      const seqOf = (n: number) => listed.find((d) => d.created_at === T0 + n)!.seq;
      await store.outbox.updateDeliveries([seqOf(3)], { status: 'dropped' });
      const claimed = await store.transaction((tx) =>
        tx.streams.claim({ now: T0 + 10, realNow: 0, leaseUntil: 1, limit: 100 }),
      );
      const rows = claimed
        .sort((a, b) => a.order_key - b.order_key)
        .map((s) => s.rows.map((r) => [r.event_time - T0, r.status, r.installed_on, r.channel]));
      expect(rows).toEqual([
        [
          [1, 'pending', '17841400000000001', 'messaging'],
          [3, 'dropped', '17841400000000001', 'messaging'],
          [5, 'pending', '17841400000000002', 'messaging'],
        ],
        [
          [2, 'pending', '17841400000000001', 'messaging'],
          [4, 'pending', '17841400000000001', 'messaging'],
        ],
      ]);
    });

    it('tells whether a claim would find a stream: due by the clock, and not leased', async () => {
      const claimAt = (now: number, realNow: number, leaseUntil: number) =>
        store.transaction((tx) => tx.streams.claim({ now, realNow, leaseUntil, limit: 100 }));
      // The streams of the test above are leased until 1 (real time).
      expect(await store.streams.hasDue(T0 + 10, 0)).toBe(false);
      expect(await store.streams.hasDue(T0 + 10, 2)).toBe(true);
      await claimAt(T0 + 10, 2, 1_000);
      await queue(3, '17841400000000001', 20);
      // Stream 3's event falls due at its time by the sandbox clock.
      expect(await store.streams.hasDue(T0 + 19, 2)).toBe(false);
      expect(await store.streams.hasDue(T0 + 20, 2)).toBe(true);
      expect((await claimAt(T0 + 20, 2, 1_000)).map((s) => s.order_key)).toEqual([3]);
      expect(await store.streams.hasDue(T0 + 20, 2)).toBe(false);
      expect(await store.streams.hasDue(T0 + 20, 1_001)).toBe(true);
    });
  });
}
