/**
 * Deliveries go out by stream (0007_webhook_streams): a database with deliveries from before, delivered,
 * refused, held and dropped, keeps showing each as it was, and its pending ones go out in order.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { databaseBefore } from '../../test/support/legacy-database.ts';
import { describeEachStore, newDatabaseTarget, type DatabaseTarget } from '../../test/support/stores.ts';
import { openStore } from './open-store.ts';
import type { Store } from './store.ts';

const T0 = 1_780_000_000_000;
const RETRY_AT = T0 + 60_000;

/** Deliveries as Parley stored them before streams: [conversation, status, attempts, held]. */
const OLD_DELIVERIES = [
  [7, 'delivered', 1, 0],
  [7, 'pending', 2, 0],
  [7, 'pending', 0, 1],
  [8, 'pending', 0, 0],
  [9, 'dropped', 1, 0],
] as const;

/** A database as Parley left it before streams, holding OLD_DELIVERIES. */
function legacyDatabase(target: string): Promise<void> {
  return databaseBefore(target, '0007', async (db) => {
    for (const [i, [orderKey, status, attempts, held]] of OLD_DELIVERIES.entries()) {
      const seq = i + 1;
      await sql`insert into webhook_events (seq, account_id, event, event_time)
        values (${seq}, '17841400000000001', ${`{"n":${seq}}`}, ${T0 + seq})`.execute(db);
      await sql`insert into webhook_attempts (seq, app_id, object, callback_url, attempted_at, status_code, latency_ms)
        values (${seq}, 'app', 'instagram', 'http://127.0.0.1:9/hook', ${T0 + seq}, ${status === 'delivered' ? 200 : 500}, 1)`.execute(
        db,
      );
      await sql`insert into webhook_deliveries (seq, event_seq, app_id, object, installed_on, order_key, field,
          status, attempts, attempt_log, next_attempt_at, held, last_error, created_at)
        values (${seq}, ${seq}, 'app', 'instagram', '17841400000000001', ${orderKey}, 'messages', ${status},
          ${attempts}, ${attempts > 0 ? String(seq) : null}, ${attempts > 0 && status === 'pending' ? RETRY_AT : T0},
          ${held}, ${status === 'pending' && attempts > 0 ? 'HTTP 500: nope' : null}, ${T0 + seq})`.execute(
        db,
      );
    }
  });
}

describeEachStore('webhook streams made from deliveries stored before', (kind) => {
  let target: DatabaseTarget;
  let store: Store;

  beforeAll(async () => {
    target = newDatabaseTarget(kind);
    await legacyDatabase(target.target);
    store = await openStore(target.target);
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
  });

  it('shows every delivery as it was', async () => {
    const listed = (await store.listWebhookDeliveries({ appId: 'app', limit: 10 })).reverse();
    expect(
      listed.map((d) => [d.seq, d.status, d.held_back, d.next_attempt_at, d.last_error, d.attempt_seqs]),
    ).toEqual([
      [1, 'delivered', false, null, null, [1]],
      [2, 'pending', false, RETRY_AT, 'HTTP 500: nope', [2]],
      [3, 'pending', true, RETRY_AT, null, []],
      [4, 'pending', false, T0, null, []],
      [5, 'dropped', false, null, null, [5]],
    ]);
  });

  it('sends what was pending in order: the refused one alone at its retry, then what it held', async () => {
    const claim = (now: number) =>
      store.transaction((tx) =>
        tx.claimWebhookStreams({ now, realNow: Date.now(), leaseUntil: Date.now() + 60_000, limit: 100 }),
      );
    const seqsOf = (streams: Awaited<ReturnType<typeof claim>>) =>
      streams.map((s) => [s.order_key, s.rows.map((r) => r.seq)]);
    expect(seqsOf(await claim(T0))).toEqual([[8, [4]]]);
    const [retry] = await claim(RETRY_AT);
    expect(seqsOf([retry!])).toEqual([[7, [2]]]);
    expect(retry!.rows[0]).toMatchObject({ event_seq: 2, event_time: T0 + 2 });
    expect(await store.listWebhookEvents([2])).toEqual([
      { seq: 2, account_id: '17841400000000001', event: '{"n":2}', event_time: T0 + 2 },
    ]);
    expect(retry!.attempts).toBe(2);
    // Its retry accepted, the stream goes on with what the refusal held.
    await store.updateWebhookStream('app', 7, {
      sent_through: 2,
      retry_through: null,
      attempts: 0,
      lease_until: null,
    });
    expect(seqsOf(await claim(RETRY_AT))).toEqual([[7, [3]]]);
  });
});
