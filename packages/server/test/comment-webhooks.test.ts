/**
 * Comments and mentions on webhooks (`entry[].changes[]`): Meta's bytes for `comments`, `live_comments`,
 * `mentions` and a Page's `feed`, signed, the entry's time in seconds, and only for the fields subscribed.
 * A real receiver reads them over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, uniqueName } from './support/clients.ts';
import { deliveriesOf } from './support/deliveries.ts';
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

  /** A business whose app hears these fields on its Instagram account (Instagram Login) and `feed` on its Page. */
  async function subscribedBusiness(igFields = IG_FIELDS) {
    const { graph, sandbox } = server();
    const business = await createBusiness(sandbox);
    await subscribeApp(graph, business.app, receiver, 'instagram', igFields);
    await subscribeApp(graph, business.app, receiver, 'page', ['feed']);
    await installApp(graph, business.igToken, igFields);
    await installApp(graph, business.pageToken, ['feed']);
    return business;
  }

  const person = (name = 'mina') => server().sandbox.user({ username: uniqueName(name).slice(0, 30) });

  /** The raw POSTs that carried change items for an account. */
  const rawOf = (accountId: string) =>
    receiver.posts.filter((p) => p.body.entry.some((e) => e.id === accountId && e.changes));
  /** The POST whose bytes hold `needle` (events ready together may share one POST), as text. */
  const carrying = (accountId: string, needle: string) =>
    rawOf(accountId).find((p) => p.raw.includes(needle))!;

  describe('Instagram', () => {
    it("delivers a person's comment and reply as Meta writes them, signed, the entry's time in seconds", async () => {
      const business = await subscribedBusiness();
      const { sandbox } = server();
      const mina = await person();
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
      // Instagram has one level of replies: a reply to a reply goes under the top-level comment.
      const again = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: post.id,
        text: 'hello?',
        parent_id: reply.id,
      });
      expect([reply.parent_id, again.parent_id]).toEqual([comment.id, comment.id]);

      const changes = await receiver.changesOf(business.ig.id, 3);
      const first = carrying(business.ig.id, comment.id);
      expect(first.headers['x-hub-signature-256']).toBe(signatureOf(first.raw, business.app.secret));
      const from = `{"id":"${comment.sender_id}","username":"${mina.username}"}`;
      const media = `{"id":"${post.id}","media_product_type":"FEED"}`;
      expect(first.raw.toString()).toMatch(/^\{"object":"instagram","entry":\[\{/);
      expect(first.raw.toString()).toContain(
        `{"id":"${business.ig.id}","time":${Math.floor(comment.timestamp / 1000)},` +
          `"changes":[{"field":"comments","value":{"from":${from},"media":${media},"id":"${comment.id}",` +
          `"text":"Price? \\ud83d\\ude0d https:\\/\\/x.y\\/z"}}]}`,
      );
      expect(changes.map((c) => [c.object, c.field, c.value.id, c.value.parent_id])).toEqual([
        ['instagram', 'comments', comment.id, undefined],
        ['instagram', 'comments', reply.id, comment.id],
        ['instagram', 'comments', again.id, comment.id],
      ]);
      expect(changes[1]!.value).toEqual({
        from: { id: comment.sender_id, username: mina.username },
        media: { id: post.id, media_product_type: 'FEED' },
        id: reply.id,
        parent_id: comment.id,
        text: 'still there?',
      });
    });

    it("names the business's own comments with self_ig_scoped_id, and sends nothing for deletions", async () => {
      const business = await subscribedBusiness();
      const { sandbox } = server();
      const mina = await person();
      const reel = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { media_type: 'REELS' });
      const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: reel.id,
        text: 'link?',
      });
      const answer = await sandbox.do('POST', `/accounts/${business.ig.id}/comments`, {
        media_id: reel.id,
        text: 'Sent you a DM!',
        parent_id: comment.id,
      });
      const changes = await receiver.changesOf(business.ig.id, 2);
      const own = changes[1]!.value;
      expect(own).toEqual({
        from: {
          id: business.ig.id,
          username: business.ig.username,
          self_ig_scoped_id: expect.stringMatching(/^\d{16}$/),
        },
        media: { id: reel.id, media_product_type: 'REELS' },
        id: answer.id,
        parent_id: comment.id,
        text: 'Sent you a DM!',
      });
      expect(carrying(business.ig.id, answer.id).raw.toString()).toContain(
        `"from":{"id":"${business.ig.id}","username":"${business.ig.username}","self_ig_scoped_id":"${own.from.self_ig_scoped_id}"}`,
      );

      await sandbox.do('PATCH', `/comments/${comment.id}`, { hidden: true });
      await sandbox.do('DELETE', `/comments/${comment.id}`);
      const after = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: reel.id, text: 'ok' });
      const next = await receiver.changesOf(business.ig.id, 3);
      expect(next.map((c) => c.value.id)).toEqual([comment.id, answer.id, after.id]);
    });

    it('sends live_comments while a broadcast runs, and nothing once it ended', async () => {
      const business = await subscribedBusiness();
      const { sandbox } = server();
      const mina = await person();
      const live = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {
        media_product_type: 'LIVE',
      });
      expect(live).toMatchObject({ media_type: 'VIDEO', media_product_type: 'LIVE', live_ended_at: null });
      const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: live.id,
        text: '🔥',
      });
      const [change] = await receiver.changesOf(business.ig.id, 1);
      expect(change).toMatchObject({
        field: 'live_comments',
        value: { id: comment.id, media: { id: live.id, media_product_type: 'LIVE' }, text: '🔥' },
      });
      const ended = await sandbox.do('PATCH', `/media/${live.id}`, { end_live: true });
      expect(ended.live_ended_at).toEqual(expect.any(Number));
      const late = await sandbox.raw('POST', `/users/${mina.id}/comments`, {
        media_id: live.id,
        text: 'missed it',
      });
      expect(late.status).toBe(400);
      expect(late.body.error.message).toBe('media_id: This live broadcast has ended');
      expect((await sandbox.do('GET', `/media/${live.id}`)).comments_count).toBe(1);
    });

    it('sends mentions to the accounts a comment or a caption @mentions, on media not their own', async () => {
      const business = await subscribedBusiness();
      const other = await subscribedBusiness();
      const { sandbox } = server();
      const mina = await person();
      const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
      const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: post.id,
        text: `@${business.ig.username} vs @${other.ig.username.toUpperCase()}?`,
      });
      const [mention] = await receiver.changesOf(other.ig.id, 1);
      expect(mention).toMatchObject({
        field: 'mentions',
        value: { comment_id: comment.id, media_id: post.id },
      });
      expect(carrying(other.ig.id, comment.id).raw.toString()).toContain(
        `"changes":[{"field":"mentions","value":{"comment_id":"${comment.id}","media_id":"${post.id}"}}]`,
      );

      const own = await sandbox.do('POST', `/users/${mina.id}/media`, {
        caption: `Morning cup from @${business.ig.username} ☕`,
      });
      expect(own).toMatchObject({ account_id: business.ig.id, user_id: mina.id });
      const changes = await receiver.changesOf(business.ig.id, 2);
      // The comment on its own post came as a comment, not as a mention; the caption as a mention.
      expect(changes.map((c) => [c.field, c.value])).toEqual([
        ['comments', expect.objectContaining({ id: comment.id })],
        ['mentions', { media_id: own.id }],
      ]);
      // Comments on a person's media reach the accounts they mention only.
      const onOwn = await sandbox.do('POST', `/users/${mina.id}/comments`, {
        media_id: own.id,
        text: `@${other.ig.username} look`,
      });
      const mentions = await receiver.changesOf(other.ig.id, 2);
      expect(mentions[1]!.value).toEqual({ comment_id: onOwn.id, media_id: own.id });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.changes().filter((c) => c.entryId === business.ig.id)).toHaveLength(2);
    });

    it('delivers only the fields subscribed, through either Instagram path', async () => {
      const { graph, sandbox } = server();
      const onlyComments = await subscribedBusiness(['comments']);
      const viaPage = await createBusiness(sandbox);
      await subscribeApp(graph, viaPage.app, receiver, 'instagram', ['comments']);
      await subscribeApp(graph, viaPage.app, receiver, 'page', ['feed']);
      await installApp(graph, viaPage.pageToken, ['feed']);
      const silent = await createBusiness(sandbox);
      const mina = await person();
      for (const business of [onlyComments, viaPage, silent]) {
        const live = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {
          media_product_type: 'LIVE',
        });
        const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
        await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: live.id, text: 'live!' });
        await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: post.id, text: 'feed!' });
      }
      for (const business of [onlyComments, viaPage]) {
        const [change] = await receiver.changesOf(business.ig.id, 1);
        expect(change).toMatchObject({ object: 'instagram', field: 'comments', value: { text: 'feed!' } });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const business of [onlyComments, viaPage, silent]) {
        expect(receiver.changes().filter((c) => c.entryId === business.ig.id)).toHaveLength(
          business === silent ? 0 : 1,
        );
      }
    });
  });

  describe('Pages', () => {
    it('delivers feed changes to comments: added, edited, hidden, shown, removed', async () => {
      const business = await subscribedBusiness();
      const { sandbox } = server();
      const sam = await sandbox.user({ username: uniqueName('sam').slice(0, 30), name: 'Sam Okafor' });
      const post = await sandbox.do('POST', `/accounts/${business.page.id}/media`, {
        caption: 'Open mic tonight',
      });
      expect(post.id).toMatch(new RegExp(`^${business.page.id}_\\d+$`));
      const comment = await sandbox.do('POST', `/users/${sam.id}/comments`, {
        media_id: post.id,
        text: 'Can I play?',
      });
      expect(comment.id).toMatch(new RegExp(`^${post.id.split('_')[1]}_\\d+$`));
      const answer = await sandbox.do('POST', `/accounts/${business.page.id}/comments`, {
        media_id: post.id,
        text: 'Sure!',
        parent_id: comment.id,
      });
      await sandbox.do('PATCH', `/comments/${comment.id}`, { text: 'Can I play guitar?' });
      await sandbox.do('PATCH', `/comments/${comment.id}`, { hidden: true });
      await sandbox.do('PATCH', `/comments/${comment.id}`, { hidden: false });
      await sandbox.do('DELETE', `/comments/${comment.id}`);

      const changes = await receiver.changesOf(business.page.id, 6);
      const at = Math.floor(comment.timestamp / 1000);
      const samFrom = { id: comment.sender_id, name: 'Sam Okafor' };
      const feedPost = {
        status_type: 'added_photos',
        is_published: true,
        updated_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
        permalink_url: post.permalink,
        promotion_status: 'inactive',
        id: post.id,
      };
      expect(changes.map((c) => [c.object, c.field, c.value.verb, c.value.comment_id])).toEqual([
        ['page', 'feed', 'add', comment.id],
        ['page', 'feed', 'add', answer.id],
        ['page', 'feed', 'edited', comment.id],
        ['page', 'feed', 'hide', comment.id],
        ['page', 'feed', 'unhide', comment.id],
        ['page', 'feed', 'remove', comment.id],
      ]);
      expect(changes[0]!.value).toEqual({
        from: samFrom,
        post: feedPost,
        message: 'Can I play?',
        post_id: post.id,
        comment_id: comment.id,
        created_time: at,
        item: 'comment',
        parent_id: post.id,
        verb: 'add',
      });
      expect(changes[1]!.value).toMatchObject({
        from: { id: business.page.id, name: business.page.name },
        parent_id: comment.id,
        message: 'Sure!',
      });
      expect(changes[2]!.value).toMatchObject({ verb: 'edited', message: 'Can I play guitar?' });
      expect(changes[5]!.value).toEqual({
        from: samFrom,
        post_id: post.id,
        comment_id: comment.id,
        created_time: expect.any(Number),
        item: 'comment',
        parent_id: post.id,
        verb: 'remove',
      });
      const raw = carrying(business.page.id, comment.id).raw.toString();
      expect(raw).toMatch(/^\{"object":"page","entry":\[\{/);
      expect(raw).toContain(
        `{"id":"${business.page.id}","time":${at},"changes":[{"field":"feed","value":` +
          `{"from":{"id":"${comment.sender_id}","name":"Sam Okafor"},"post":{"status_type":"added_photos",` +
          `"is_published":true,"updated_time":"${changes[0]!.value.post.updated_time}",` +
          `"permalink_url":"${post.permalink.replaceAll('/', '\\/')}","promotion_status":"inactive","id":"${post.id}"},` +
          `"message":"Can I play?","post_id":"${post.id}","comment_id":"${comment.id}","created_time":${at},` +
          `"item":"comment","parent_id":"${post.id}","verb":"add"}}]}`,
      );
    });
  });

  it('shows changes entries among the deliveries, and replays them byte for byte', async () => {
    const business = await subscribedBusiness();
    const { sandbox } = server();
    const mina = await person();
    const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
    const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: post.id, text: 'hi' });
    await receiver.changesOf(business.ig.id, 1);
    // Replayed once the first attempt is recorded.
    const [delivery] = await deliveriesOf(sandbox, business.app.id, (ds) => ds[0]?.status === 'delivered');
    expect(delivery).toMatchObject({ field: 'comments', object: 'instagram' });
    expect(delivery!.entry).toEqual({
      id: business.ig.id,
      time: Math.floor(comment.timestamp / 1000),
      changes: [{ field: 'comments', value: expect.objectContaining({ id: comment.id }) }],
    });
    const found = await sandbox.do(
      'GET',
      `/webhooks/deliveries?account_id=${business.ig.id}&mentions=${comment.id}`,
    );
    expect(found.data.map((d: { id: string }) => d.id)).toEqual([delivery!.id]);
    const before = rawOf(business.ig.id).length;
    await sandbox.do('POST', `/webhooks/deliveries/${delivery!.id}/replay`);
    await receiver.until(() => (rawOf(business.ig.id).length > before ? true : undefined));
    const [original, replayed] = rawOf(business.ig.id);
    expect(replayed!.raw.equals(original!.raw)).toBe(true);
  });
});
