/**
 * Failed deliveries over time: unsubscribing the app after an hour of failures (at the hour, and not after a
 * success), and giving up 36 hours after the event. A real receiver answers what each test tells it to.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  attempted,
  deliveriesOf,
  FIELDS,
  subscribedBusiness,
  useReceiverOnFrozenClock,
} from './support/deliveries.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import { installApp, startReceiver, type Receiver } from './support/webhook-receiver.ts';

describeEachStore('Webhook delivery, failing for an hour', (kind) => {
  const server = useTestServer(kind, { webhookTimeout: 1 });
  let receiver: Receiver;
  useReceiverOnFrozenClock(server, (started) => (receiver = started));
  const sandbox = () => server().sandbox;

  it('unsubscribes the app after an hour of unbroken failures, as Meta does', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(503);
    const person = await sandbox().user();
    await sandbox().send(person.id, business.ig.id, 'first');
    await deliveriesOf(sandbox(), business.app.id, attempted(1));
    await sandbox().advanceClock(30 * 60);
    await deliveriesOf(sandbox(), business.app.id, attempted(2));
    const installed = () => server().graph.get('/v23.0/me/subscribed_apps', {}, { token: business.igToken });
    expect((await installed()).body.data).toHaveLength(1);

    await sandbox().advanceClock(31 * 60);
    const [delivery] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'failed');
    expect(delivery!.attempts).toHaveLength(3);
    expect(delivery!.last_error).toBe('Webhooks disabled: the callback URL failed for too long');
    expect((await installed()).body.data).toEqual([]);

    // Nothing more is queued until the app is installed again.
    receiver.respondWith(200);
    await sandbox().send(person.id, business.ig.id, 'while disabled');
    await installApp(server().graph, business.igToken, FIELDS);
    await sandbox().send(person.id, business.ig.id, 'back again');
    const items = await receiver.itemsOf(business.ig.id, 1);
    expect(items.map((i) => i.message.text)).toEqual(['back again']);
  });

  it('unsubscribes the app at the hour, not at the first retry after it', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(503);
    await sandbox().send((await sandbox().user()).id, business.ig.id, 'first');
    const [first] = await deliveriesOf(sandbox(), business.app.id, attempted(1));
    const firstFailure = Number(first!.attempts[0]!.attempted_at);
    // Retries wait 1 s, 10 s, 1 min…; each here falls due inside the hour, and the last one exactly at it.
    await sandbox().advanceClock(59 * 60);
    await deliveriesOf(sandbox(), business.app.id, attempted(2));
    await sandbox().advanceClock(10);
    await deliveriesOf(sandbox(), business.app.id, attempted(3));
    await sandbox().advanceClock(50);
    const [delivery] = await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]?.status === 'failed');
    expect(delivery!.last_error).toBe('Webhooks disabled: the callback URL failed for too long');
    const last = Number(delivery!.attempts.at(-1)!.attempted_at);
    expect(last - firstFailure).toBeGreaterThanOrEqual(3600_000);
    expect(last - firstFailure).toBeLessThan(3605_000);
  });

  it('restarts the failure clock after a success', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith(500);
    const person = await sandbox().user();
    await sandbox().send(person.id, business.ig.id, 'one');
    await deliveriesOf(sandbox(), business.app.id, attempted(1));
    receiver.respondWith(200);
    await sandbox().advanceClock(50 * 60);
    await receiver.itemsOf(business.ig.id, 1);
    receiver.respondWith(500);
    await sandbox().send(person.id, business.ig.id, 'two');
    await deliveriesOf(sandbox(), business.app.id, (ds) => ds.length === 2 && attempted(1)(ds));
    await sandbox().advanceClock(20 * 60);
    await deliveriesOf(sandbox(), business.app.id, (ds) => ds[0]!.attempts.length === 2);
    const installed = await server().graph.get('/v23.0/me/subscribed_apps', {}, { token: business.igToken });
    expect(installed.body.data).toHaveLength(1);
  });
});

describeEachStore('Webhook delivery, given up after 36 hours', (kind) => {
  const server = useTestServer(kind, { webhookDisableAfter: 0 });
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    await server().sandbox.do('POST', '/clock', { freeze: true });
  });
  afterAll(() => receiver.close());

  it('stops retrying once 36 hours have passed since the event, and the conversation goes on', async () => {
    const business = await subscribedBusiness(server(), receiver);
    receiver.respondWith((post) => (post.raw.includes('too late') ? 500 : 200));
    const person = await server().sandbox.user();
    await server().sandbox.send(person.id, business.ig.id, 'too late');
    await deliveriesOf(server().sandbox, business.app.id, attempted(1));
    // Held behind the refused one until it is settled.
    await server().sandbox.send(person.id, business.ig.id, 'after');
    await server().sandbox.advanceClock(35 * 3600);
    await deliveriesOf(server().sandbox, business.app.id, (ds) => ds[1]?.attempts.length === 2);
    expect(receiver.posts).toHaveLength(0);
    await server().sandbox.advanceClock(2 * 3600);
    const [delivery, after] = await deliveriesOf(
      server().sandbox,
      business.app.id,
      (ds) => ds[1]?.status === 'failed' && ds[0]?.status === 'delivered',
    );
    expect(delivery!.attempts).toHaveLength(3);
    expect(delivery!.last_error).toBe('HTTP 500: nope');
    expect(after!.attempts).toHaveLength(1);
    const installed = await server().graph.get('/v23.0/me/subscribed_apps', {}, { token: business.igToken });
    expect(installed.body.data).toHaveLength(1);
  });
});
