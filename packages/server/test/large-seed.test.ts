/**
 * A big seed does not stop the server answering others: its messages go in a step at a time, and requests are
 * answered between the steps, while the seed's world still lands whole.
 */
import { expect, it } from 'vitest';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const MESSAGES_EACH = 500;
const SHOP_TOKEN = 'IGAAbigSeedShopToken';

function bigSeed(people: number) {
  const users = Array.from({ length: people }, (_, i) => ({ key: `u${i}`, username: `big.seed.${i}` }));
  return {
    apps: [{ key: 'app', name: 'Big Seed' }],
    accounts: [{ key: 'shop', type: 'instagram', username: 'big.seed.shop' }],
    users,
    tokens: [{ app: 'app', account: 'shop', token: SHOP_TOKEN }],
    conversations: users.map(({ key }) => ({
      account: 'shop',
      user: key,
      messages: [
        { from: 'user', text: 'Q{n}', ago: '20d', every: '1m', count: MESSAGES_EACH / 2 },
        { from: 'business', text: 'A{n}', ago: '19d', every: '1m', count: MESSAGES_EACH / 2 },
      ],
    })),
  };
}

describeEachStore('A large seed', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  // SQLite has one connection, which a seed in one transaction held throughout; PostgreSQL writes slower.
  const people = kind === 'sqlite' ? 40 : 8;

  it('lets other requests through while it loads, and lands whole', async () => {
    const { graph, sandbox } = server();
    const answeredAt: number[] = [];
    let seeding = true;
    const reads = (async () => {
      while (seeding) {
        const res = await graph.get(
          '/v23.0/me/conversations',
          { platform: 'instagram' },
          { token: DEMO.IG_TOKEN },
        );
        expect(res.status).toBe(200);
        answeredAt.push(performance.now());
      }
    })();
    const started = performance.now();
    const seeded = await sandbox.raw('POST', '/seed', bigSeed(people));
    const finished = performance.now();
    seeding = false;
    await reads;
    expect(seeded.status).toBe(200);
    // Reads were answered all through the seed, not only once it was done.
    const firstHalf = answeredAt.filter((at) => at < started + (finished - started) / 2);
    expect(firstHalf.length).toBeGreaterThanOrEqual(3);

    const conversations = await graph.get(
      '/v23.0/me/conversations',
      { platform: 'instagram', fields: 'message_count', limit: 100 },
      { token: SHOP_TOKEN },
    );
    const counts = conversations.body.data.map((c: { message_count: number }) => c.message_count);
    expect(counts).toEqual(Array(people).fill(MESSAGES_EACH));
  });

  it('stops loading when the world is reset meanwhile, and says so', async () => {
    const { graph, sandbox } = server();
    await sandbox.do('POST', '/reset', { seed: 'none' });
    const seeding = sandbox.raw('POST', '/seed', bigSeed(people));
    // Once the seed's world exists, reset it under the loading messages.
    await expect
      .poll(async () => (await graph.get('/v23.0/me', {}, { token: SHOP_TOKEN })).status, { interval: 5 })
      .toBe(200);
    expect((await sandbox.raw('POST', '/reset', { seed: 'none' })).status).toBe(200);
    const seeded = await seeding;
    expect(seeded.status).toBe(409);
    expect(seeded.body.error.message).toContain('The world was reset while this seed loaded');
    expect((await graph.get('/v23.0/me', {}, { token: SHOP_TOKEN })).status).toBe(400);
  });
});
