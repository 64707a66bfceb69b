/**
 * Comments and mentions on webhooks (`entry[].changes[]`): Meta's bytes for `comments`, `live_comments`,
 * `mentions` and a Page's `feed`, signed, the entry's time in seconds, and only for the fields subscribed.
 * A real receiver reads them over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  installApp,
  signatureOf,
  startReceiver,
  subscribeApp,
  type Receiver,
} from './support/webhook-receiver.ts';

const IG_FIELDS = ['comments', 'live_comments', 'mentions'];

describeEachStore('Comment webhooks', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  /** A business whose app hears comments and mentions on its Instagram account and feed on its Page. */
  async function subscribedBusiness(igFields = IG_FIELDS) {
    const { graph, sandbox } = server();
    const business = await createBusiness(sandbox);
    await subscribeApp(graph, business.app, receiver, 'instagram', igFields);
    await subscribeApp(graph, business.app, receiver, 'page', ['feed']);
    await installApp(graph, business.igToken, igFields);
    await installApp(graph, business.pageToken, ['feed']);
    return business;
  }

  describe('Instagram', () => {
    it("delivers a person's comment and reply as Meta writes them, signed, the entry's time in seconds", async () => {
      const business = await subscribedBusiness();
      const { sandbox } = server();
      const mina = await sandbox.user({ username: `mina_${Date.now()}`.slice(0, 30) });
      const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { caption: 'New roast' });
      const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: post.id,
        text: 'Price? 😍 https://x.y/z',
      });
      const reply = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: post.id,
        text: 'still there?',
        parent_id: comment.id,
      });
      expect(reply.parent_id).toBe(comment.id);

      const changes = await receiver.changesOf(business.ig.id, 2);
      const post0 = receiver.posts.find((p) => p.body.entry[0]?.id === business.ig.id)!;
      expect(post0.headers['x-hub-signature-256']).toBe(signatureOf(post0.raw, business.app.secret));
      const from = `{"id":"${comment.sender_id}","username":"${mina.username}"}`;
      const media = `{"id":"${post.id}","media_product_type":"FEED"}`;
      expect(post0.raw.toString()).toContain(
        `"changes":[{"field":"comments","value":{"from":${from},"media":${media},"id":"${comment.id}",` +
          `"text":"Price? \\ud83d\\ude0d https:\\/\\/x.y\\/z"}}]`,
      );
      expect(changes.map((c) => [c.object, c.field, c.value.id, c.value.parent_id])).toEqual([
        ['instagram', 'comments', comment.id, undefined],
        ['instagram', 'comments', reply.id, comment.id],
      ]);
      expect(changes[0]!.time).toBe(Math.floor(comment.timestamp / 1000));
    });
  });
});
