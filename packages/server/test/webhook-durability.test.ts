/**
 * No event is lost: across a restart, across a SIGKILL under load, and with two server processes sharing
 * one PostgreSQL database, where each event is attempted by one of them at a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBusiness, SandboxClient, GraphClient } from './support/clients.ts';
import { startParley, writeUntilKilled, type ParleyProcess } from './support/process.ts';
import { startTestServer } from './support/server.ts';
import {
  describeEachStore,
  newDatabaseTarget,
  postgresAvailable,
  type DatabaseTarget,
} from './support/stores.ts';
import { installApp, startReceiver, subscribeApp, type Receiver } from './support/webhook-receiver.ts';

const FIELDS = ['messages'];

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  cleanup.push(() => started.close());
  return started;
}

function parley(db: DatabaseTarget): ParleyProcess {
  const started = startParley(db.target, { flags: ['--webhook-timeout', '1'] });
  cleanup.push(async () => {
    started.signal('SIGKILL');
    await started.exited;
  });
  return started;
}

async function subscribedBusiness(url: string, callback: Receiver) {
  const sandbox = new SandboxClient(url);
  const graph = new GraphClient(url);
  const business = await createBusiness(sandbox);
  await subscribeApp(graph, business.app, callback, 'instagram', FIELDS);
  await installApp(graph, business.igToken, FIELDS);
  return business;
}

/** How many times each message id arrived, accepted or not. */
function arrivals(callback: Receiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of [...callback.posts, ...callback.rejected]) {
    for (const entry of post.body.entry) {
      const mid = entry.messaging[0].message.mid as string;
      counts.set(mid, (counts.get(mid) ?? 0) + 1);
    }
  }
  return counts;
}

describeEachStore('Webhook durability', (kind) => {
  it('delivers what was pending when the server stopped, once it starts again', async () => {
    const server = await startTestServer(kind);
    cleanup.push(() => server.close());
    const callback = await receiver();
    const business = await subscribedBusiness(server.url, callback);
    callback.respondWith(503);
    const person = await server.sandbox.user();
    const sent = await server.sandbox.send(person.id, business.ig.id, 'before the restart');
    await callback.until(() => (callback.rejected.length > 0 ? true : undefined));
    await server.restart();
    callback.respondWith(200);
    await server.sandbox.advanceClock(60);
    const [item] = await callback.itemsOf(business.ig.id, 1);
    expect(item.message.mid).toBe(sent.message_id);
  });

  it('loses no acknowledged event when killed with SIGKILL under load', async () => {
    const db = newDatabaseTarget(kind);
    cleanup.push(() => db.drop());
    const callback = await receiver();
    // A slow endpoint: events pile up in the outbox and in flight when the process dies.
    callback.answerAfter(50);
    const first = parley(db);
    const url = await first.ready;
    const sandbox = new SandboxClient(url);
    const business = await subscribedBusiness(url, callback);
    const people = await Promise.all(Array.from({ length: 10 }, () => sandbox.user()));

    const acknowledged = (await writeUntilKilled(first, sandbox, people, business.ig.id)).map(
      (a) => a.message_id,
    );
    expect((await first.exited).signal).toBe('SIGKILL');
    const deliveredBeforeRestart = callback.items().length;

    const second = parley(db);
    await second.ready;
    // PostgreSQL: deliveries the killed process held wait for its leases (a few seconds) to run out.
    await callback.until(() => {
      const seen = arrivals(callback);
      return acknowledged.every((mid) => seen.has(mid)) ? true : undefined;
    }, 30_000);
    expect(deliveredBeforeRestart).toBeLessThan(acknowledged.length);
  }, 60_000);
});

describe.skipIf(!postgresAvailable())('Webhook delivery with two servers on one PostgreSQL', () => {
  it('makes each attempt of an event from one server only', async () => {
    const db = newDatabaseTarget('postgres');
    cleanup.push(() => db.drop());
    const callback = await receiver();
    const firstSeen = new Set<string>();
    // While people write, a POST with an event not seen before fails, so that retries (and leases) pass
    // between the servers; afterwards everything is accepted, so that no retry schedule outlasts the test.
    let writing = true;
    callback.respondWith((post) => {
      const mids = post.body.entry.map((e) => e.messaging[0].message.mid as string);
      const fresh = mids.some((mid) => !firstSeen.has(mid));
      for (const mid of mids) firstSeen.add(mid);
      return fresh && writing ? 500 : 200;
    });
    const a = parley(db);
    const urlA = await a.ready;
    const business = await subscribedBusiness(urlA, callback);
    const b = parley(db);
    const urlB = await b.ready;
    const sandboxes = [new SandboxClient(urlA), new SandboxClient(urlB)];
    const people = await Promise.all(Array.from({ length: 8 }, () => sandboxes[0]!.user()));

    const sent: string[] = [];
    await Promise.all(
      people.map(async (person, p) => {
        for (let i = 0; i < 25; i++) {
          const via = sandboxes[(p + i) % 2]!;
          sent.push((await via.send(person.id, business.ig.id, `hello ${p}.${i}`)).message_id);
        }
      }),
    );
    writing = false;
    type Listed = { status: string; attempts: unknown[]; entry: { messaging: any[] } };
    let data: Listed[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const path = `/webhooks/deliveries?app_id=${business.app.id}&limit=500`;
      data = (await sandboxes[1]!.do<{ data: Listed[] }>('GET', path)).data;
      if (data.length === sent.length && data.every((d) => d.status === 'delivered')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Each event arrived once per attempt recorded: no attempt was made by both servers.
    const counts = arrivals(callback);
    expect(data).toHaveLength(sent.length);
    for (const delivery of data) {
      const mid = delivery.entry.messaging[0].message.mid as string;
      expect(delivery.status).toBe('delivered');
      expect(counts.get(mid), mid).toBe(delivery.attempts.length);
    }
    // At least each conversation's first event was retried (what followed it was held behind it).
    expect(data.filter((d) => d.attempts.length >= 2).length).toBeGreaterThanOrEqual(people.length);
  }, 60_000);
});
