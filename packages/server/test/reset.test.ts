/**
 * A reset starts a new world: nothing the server keeps in memory from the old one (webhook bytes, tokens,
 * limits) may reach a bot afterwards. Tried as a test suite that resets between tests does it.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  installApp,
  signatureOf,
  startReceiver,
  subscribeApp,
  type Receiver,
} from './support/webhook-receiver.ts';

const DEMO_APP = { id: DEMO.APP_ID, app_token: DEMO.APP_TOKEN };

describeEachStore('Reset', (kind) => {
  const server = useTestServer(kind, { seed: 'demo' });
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("delivers the new world's events after a reset, never the old world's bytes", async () => {
    const { graph, sandbox } = server();
    await sandbox.do('POST', '/reset', { seed: 'demo' });
    await subscribeApp(graph, DEMO_APP, receiver, 'instagram', ['messages']);
    await installApp(graph, DEMO.IG_TOKEN, ['messages']);
    await sandbox.send(DEMO.MINA, DEMO.IG_ID, 'WORLD-1');
    const [first] = await receiver.waitForItems(1);
    expect(first.message.text).toBe('WORLD-1');

    await sandbox.do('POST', '/reset', { seed: 'demo' });
    await subscribeApp(graph, DEMO_APP, receiver, 'page', ['messages']);
    await installApp(graph, DEMO.PAGE_TOKEN, ['messages']);
    await sandbox.send(DEMO.ALEX, DEMO.PAGE_ID, 'WORLD-2');
    const post = await receiver.until(() => receiver.posts[1]);

    expect(post.body.object).toBe('page');
    expect(post.body.entry).toHaveLength(1);
    expect(post.body.entry[0]!.id).toBe(DEMO.PAGE_ID);
    expect(post.body.entry[0]!.messaging[0].message.text).toBe('WORLD-2');
    expect(post.headers['x-hub-signature-256']).toBe(signatureOf(post.raw, DEMO.APP_SECRET));
    // The bytes sent are the bytes the sandbox shows for the delivery.
    const { data } = await sandbox.do('GET', `/webhooks/deliveries?app_id=${DEMO_APP.id}&limit=5`);
    expect(data).toHaveLength(1);
    expect(JSON.stringify(post.body.entry[0])).toBe(JSON.stringify(data[0].entry));
  });
  it('records nothing from a POST the old world made once a reset has begun', async () => {
    const { graph, sandbox } = server();
    await sandbox.do('POST', '/reset', { seed: 'demo' });
    await subscribeApp(graph, DEMO_APP, receiver, 'instagram', ['messages']);
    await installApp(graph, DEMO.IG_TOKEN, ['messages']);
    // The old world's POST is answered 200, late; the new world's are refused.
    receiver.answerAfter(1_000);
    receiver.respondWith((post) => (post.body.entry[0]!.messaging[0].message.text === 'OLD' ? 200 : 500));
    await sandbox.send(DEMO.MINA, DEMO.IG_ID, 'OLD');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await sandbox.do('POST', '/reset', { seed: 'demo' });
    await subscribeApp(graph, DEMO_APP, receiver, 'instagram', ['messages']);
    await installApp(graph, DEMO.IG_TOKEN, ['messages']);
    await sandbox.send(DEMO.MINA, DEMO.IG_ID, 'NEW');
    // The old POST's answer arrives, then the new one's refusal.
    await receiver.until(() => receiver.rejected[0]);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const { data } = await sandbox.do('GET', `/webhooks/deliveries?app_id=${DEMO.APP_ID}&limit=5`);
    expect(data).toHaveLength(1);
    expect(data[0].entry.messaging[0].message.text).toBe('NEW');
    expect(data[0].status).toBe('pending');
  });
});
