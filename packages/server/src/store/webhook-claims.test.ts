/**
 * A claim reads each stream's rows as one aggregated row: the statuses of the few rows settled one by one, and
 * each row's account, come back right beside the many pending rows of one account.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, newDatabaseTarget, type DatabaseTarget } from '../../test/support/stores.ts';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';

const T0 = 1_780_000_000_000;

describeEachStore('webhook claims', (kind) => {
  let target: DatabaseTarget;
  let store: Store;

  beforeAll(async () => {
    target = newDatabaseTarget(kind);
    store = await openStore(target.target);
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
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
        created_at: T0 + n,
      };
      const event = { account_id: installedOn, event: `{"n":${n}}`, event_time: T0 + n };
      return tx.insertWebhookEvent(event, [delivery]);
    });

  it("answers each row's status and account, in row order", async () => {
    // Conversation 1: two events while the app was installed on one account, then one after it was
    // installed on the other; conversation 2: one account throughout.
    await queue(1, '17841400000000001', 1);
    await queue(2, '17841400000000001', 2);
    await queue(1, '17841400000000001', 3);
    await queue(2, '17841400000000001', 4);
    await queue(1, '17841400000000002', 5);
    const listed = await store.listWebhookDeliveries({ appId: 'app', limit: 10 });
    const seqOf = (n: number) => listed.find((d) => d.created_at === T0 + n)!.seq;
    await store.updateWebhookDeliveries([seqOf(3)], { status: 'dropped' });
    const claimed = await store.transaction((tx) =>
      tx.claimWebhookStreams({ now: T0 + 10, realNow: 0, leaseUntil: 1, limit: 100 }),
    );
    const rows = claimed
      .sort((a, b) => a.order_key - b.order_key)
      .map((s) => s.rows.map((r) => [r.event_time - T0, r.status, r.installed_on]));
    expect(rows).toEqual([
      [
        [1, 'pending', '17841400000000001'],
        [3, 'dropped', '17841400000000001'],
        [5, 'pending', '17841400000000002'],
      ],
      [
        [2, 'pending', '17841400000000001'],
        [4, 'pending', '17841400000000001'],
      ],
    ]);
  });
});
