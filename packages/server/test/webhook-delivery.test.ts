/**
 * Delivery that loses nothing: batching, retries on the server's clock, order per conversation, replay, and
 * the sandbox's faults (giving up and disabling: webhook-retries.test.ts). A real receiver answers what
 * each test tells it to.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  attempted,
  deliveriesOf,
  subscribedBusiness,
  type Delivery,
  useReceiverOnFrozenClock,
} from './support/deliveries.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import type { Receiver } from './support/webhook-receiver.ts';

describeEachStore('Webhook delivery', (kind) => {
  const server = useTestServer(kind, { webhookTimeout: 1 });
  let receiver: Receiver;
  useReceiverOnFrozenClock(server, (started) => (receiver = started));
  const sandbox = () => server().sandbox;

  it('batches the events ready together into one POST', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(500);
    for (let i = 0; i < 5; i++)
      await sandbox().send((await sandbox().user()).id, business.ig.id, `hello ${i}`);
    await deliveriesOf(sandbox(), business.app.id, (ds) => ds.length === 5 && attempted(1)(ds));
    receiver.respondWith(200);
    await sandbox().advanceClock(15);
    await receiver.waitForItems(5);
    expect(receiver.posts).toHaveLength(1);
    expect(receiver.posts[0]!.body.entry.map((e) => e.messaging[0].message.text)).toEqual([
      'hello 0',
      'hello 1',
      'hello 2',
      'hello 3',
      'hello 4',
    ]);
  });

  it('retries on the schedule by the server clock, recording every attempt', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(500);
    const person = await sandbox().user();
    await sandbox().send(person.id, business.ig.id, 'are you there?');
    let [delivery] = await deliveriesOf(sandbox(), business.app.id, attempted(1));
    expect(delivery).toMatchObject({ status: 'pending', field: 'messages', last_error: 'HTTP 500: nope' });
    expect(delivery!.attempts[0]).toMatchObject({ status_code: 500, error: null, response_snippet: 'nope' });

    // Nothing happens while the clock stands still.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(receiver.rejected).toHaveLength(1);

    await sandbox().advanceClock(1);
    await deliveriesOf(sandbox(), business.app.id, attempted(2));
    await sandbox().advanceClock(5);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(receiver.rejected).toHaveLength(2); // the third attempt waits 10 s
    receiver.respondWith(200);
    await sandbox().advanceClock(5);
    [delivery] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'delivered');
    expect(delivery!.attempts.map((a) => a.status_code)).toEqual([500, 500, 200]);
    expect(receiver.posts).toHaveLength(1);
  });

  it('records a callback that does not answer in time as a timeout', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(0);
    await sandbox().send((await sandbox().user()).id, business.ig.id, 'anyone?');
    const [delivery] = await deliveriesOf(sandbox(), business.app.id, attempted(1));
    expect(delivery!.attempts[0]).toMatchObject({ status_code: null, error: 'Timed out after 1000 ms' });
    expect(delivery!.status).toBe('pending');
  });

  it("keeps each conversation's events in order, even when one of them has to be retried", async () => {
    const business = await subscribedBusiness(server(), receiver);
    await sandbox().do('POST', '/clock', { freeze: false });
    receiver.respondWith((post) =>
      post.body.entry.some((e) => e.messaging[0].message?.text === 'm5') ? 500 : 200,
    );
    const alice = await sandbox().user();
    const bob = await sandbox().user();
    for (let i = 0; i < 12; i++) {
      await sandbox().send(alice.id, business.ig.id, `m${i}`);
      await sandbox().send(bob.id, business.ig.id, `b${i}`);
      if (i === 6) {
        // m5 has been refused once: from now on everything is accepted.
        await receiver.until(() => (receiver.rejected.length > 0 ? true : undefined));
        receiver.respondWith(200);
      }
    }
    const items = await receiver.itemsOf(business.ig.id, 24, 15_000);
    const texts = items.map((i) => i.message.text as string);
    expect(texts.filter((t) => t.startsWith('m'))).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`));
    expect(texts.filter((t) => t.startsWith('b'))).toEqual(Array.from({ length: 12 }, (_, i) => `b${i}`));
    expect(receiver.rejected.length).toBeGreaterThan(0);
  });

  it("holds a conversation's later events behind a refused one, and stops a batch at a refused POST", async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(503);
    const person = await sandbox().user();
    // The clock stands still while the messages are written, however long that takes: the refused one's retry
    // falls due only when the test moves the clock.
    await sandbox().do('POST', '/clock', { freeze: true });
    onTestFinished(() => sandbox().do('POST', '/clock', { freeze: false }));
    // The first message is refused and waits for its retry; the rest of the conversation is held behind it.
    const total = 1100;
    for (let i = 0; i < total; i++) await sandbox().send(person.id, business.ig.id, `x${i}`);
    // One refused POST: x0's (a busy machine may have let x1 join it before the worker's claim ran).
    expect(receiver.rejected).toHaveLength(1);
    const waiting = receiver.rejected[0]!.body.entry.map((e) => e.messaging[0].message.text as string);
    expect(waiting).toEqual(Array.from({ length: waiting.length }, (_, i) => `x${i}`));
    // The sandbox shows which are held back (newest first, a page at a time).
    const listed: (Delivery & { held_back: boolean })[] = [];
    for (let before = ''; ;) {
      const page = await sandbox().do(
        'GET',
        `/webhooks/deliveries?app_id=${business.app.id}&limit=500${before}`,
      );
      listed.push(...page.data);
      if (!page.paging) break;
      before = `&before=${page.paging.before}`;
    }
    expect(listed).toHaveLength(total);
    // Those wait for their retry; all after them are held (with PostgreSQL, one written in the instant the
    // refusal was being recorded may not be: it is then held back at each claim instead).
    const free = listed.filter((d) => !d.held_back).map((d) => d.entry.messaging[0].message.text);
    expect(free).toEqual(expect.arrayContaining(waiting));
    expect(free.length).toBeLessThanOrEqual(waiting.length + (kind === 'sqlite' ? 0 : 2));
    // The retry carries the first alone; once it is accepted the rest go, 1,000 entries in the first POST,
    // which is refused: the 100 after it must not overtake it.
    let refusals = 0;
    receiver.respondWith((post) => (post.body.entry.length === 1000 && refusals++ === 0 ? 503 : 200));
    await sandbox().advanceClock(2);
    const refused = await receiver.until(() => receiver.rejected.find((p) => p.body.entry.length === 1000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only what came before the refused POST has arrived: the retried ones, and with PostgreSQL perhaps one
    // that missed being held.
    const firstRefused = Number(refused.body.entry[0]!.messaging[0].message.text.slice(1));
    expect(firstRefused).toBeLessThanOrEqual(waiting.length + 2);
    expect(receiver.items().map((item) => item.message.text)).toEqual(
      Array.from({ length: firstRefused }, (_, i) => `x${i}`),
    );
    await sandbox().advanceClock(10);
    const items = await receiver.itemsOf(business.ig.id, total, 15_000);
    expect(items.map((item) => item.message.text)).toEqual(Array.from({ length: total }, (_, i) => `x${i}`));
  }, 60_000); // 1,100 messages written one by one: on PostgreSQL on a busy machine, 15-20 s.

  it('replays a delivery on request', async () => {
    const business = await subscribedBusiness(server(), receiver);
    await sandbox().send((await sandbox().user()).id, business.ig.id, 'once more');
    const [delivery] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'delivered');
    const replayed = await sandbox().do('POST', `/webhooks/deliveries/${delivery!.id}/replay`);
    expect(replayed).toMatchObject({ id: delivery!.id, status: 'pending' });
    await receiver.waitForItems(2);
    expect(receiver.posts[1]!.raw.equals(receiver.posts[0]!.raw)).toBe(true);
    const [after] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'delivered');
    expect(after!.attempts).toHaveLength(2);
    const missing = await sandbox().raw('POST', '/webhooks/deliveries/999999999/replay');
    expect(missing.status).toBe(404);
  });

  describe('faults', () => {
    const setFaults = (appId: string, faults: Record<string, unknown>) =>
      sandbox().do('POST', '/faults', { app_id: appId, object: 'instagram', ...faults });

    it('sends POSTs twice with duplicate', async () => {
      const business = await subscribedBusiness(server(), receiver);
      expect(await setFaults(business.app.id, { duplicate_percent: 100 })).toEqual({
        app_id: business.app.id,
        object: 'instagram',
        duplicate_percent: 100,
      });
      await sandbox().send((await sandbox().user()).id, business.ig.id, 'echo echo');
      await receiver.waitForItems(2);
      expect(receiver.posts[0]!.raw.equals(receiver.posts[1]!.raw)).toBe(true);
      const [delivery] = await deliveriesOf(
        sandbox(),
        business.app.id,
        (ds) => ds[0]?.status === 'delivered',
      );
      expect(delivery!.attempts[0]!.fault).toBe('duplicate');
    });

    it('loses events with drop, and holds POSTs back with delay', async () => {
      const business = await subscribedBusiness(server(), receiver);
      await setFaults(business.app.id, { drop_percent: 100 });
      const person = await sandbox().user();
      await sandbox().send(person.id, business.ig.id, 'lost');
      const [dropped] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'dropped');
      expect(dropped!.attempts[0]).toMatchObject({ fault: 'drop', status_code: null });

      await setFaults(business.app.id, { delay_ms: 300 });
      const sentAt = Date.now();
      await sandbox().send(person.id, business.ig.id, 'late');
      await receiver.waitForItems(1);
      expect(receiver.posts[0]!.receivedAt - sentAt).toBeGreaterThanOrEqual(300);
      expect(receiver.items().map((i) => i.message.text)).toEqual(['late']);
    });

    it('sends events ready together newest first with reorder', async () => {
      const business = await subscribedBusiness(server(), receiver);
      receiver.respondWith(500);
      // Two conversations: a later event of the same one would wait behind the refused first.
      await sandbox().send((await sandbox().user()).id, business.ig.id, 'first');
      await deliveriesOf(sandbox(), business.app.id, attempted(1));
      await sandbox().send((await sandbox().user()).id, business.ig.id, 'second');
      await deliveriesOf(sandbox(), business.app.id, (ds) => ds.length === 2 && attempted(1)(ds));
      await setFaults(business.app.id, { reorder: true });
      receiver.respondWith(200);
      await sandbox().advanceClock(15);
      const items = await receiver.waitForItems(2);
      expect(items.map((i) => i.message.text)).toEqual(['second', 'first']);
      expect(receiver.posts).toHaveLength(2);
    });

    it('lets a conversation go on when its refused event is dropped on the retry', async () => {
      const business = await subscribedBusiness(server(), receiver);
      receiver.respondWith(500);
      const person = await sandbox().user();
      await sandbox().send(person.id, business.ig.id, 'refused');
      await deliveriesOf(sandbox(), business.app.id, attempted(1));
      await sandbox().send(person.id, business.ig.id, 'held');
      await setFaults(business.app.id, { drop_percent: 100 });
      await sandbox().advanceClock(15);
      const dropped = await deliveriesOf(sandbox(), business.app.id, (ds) =>
        ds.every((d) => d.status === 'dropped'),
      );
      expect(dropped.map((d) => d.entry.messaging[0].message.text)).toEqual(['refused', 'held']);
    });

    it('lists, validates and clears faults', async () => {
      const business = await subscribedBusiness(server(), receiver);
      await setFaults(business.app.id, { delay_ms: 10, reorder: true });
      const listed = await sandbox().do('GET', `/faults?app_id=${business.app.id}`);
      expect(listed.data).toEqual([
        { app_id: business.app.id, object: 'instagram', delay_ms: 10, reorder: true },
      ]);
      const bad = await sandbox().raw('POST', '/faults', {
        app_id: business.app.id,
        object: 'instagram',
        drop_percent: 140,
      });
      expect(bad.status).toBe(400);
      // Without an object, every subscription of the app; the short names work too.
      const everywhere = await sandbox().do('POST', '/faults', { app_id: business.app.id, drop: 20 });
      expect(everywhere).toEqual({
        data: [{ app_id: business.app.id, object: 'instagram', drop_percent: 20 }],
      });
      const unknownApp = await sandbox().raw('POST', '/faults', { app_id: '999000999' });
      expect(unknownApp.status).toBe(404);
      const noSubscription = await sandbox().raw('POST', '/faults', {
        app_id: business.app.id,
        object: 'page',
      });
      expect(noSubscription.status).toBe(404);
      await sandbox().do('DELETE', `/faults?app_id=${business.app.id}`);
      expect((await sandbox().do('GET', `/faults?app_id=${business.app.id}`)).data).toEqual([]);
    });
  });
});
