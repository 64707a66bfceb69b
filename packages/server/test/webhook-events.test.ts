/**
 * What webhooks carry: every event type a person or the business causes, with Meta's payloads and bytes,
 * signed with the app secret, and only for the fields subscribed. A real receiver reads them over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, type SandboxClient } from './support/clients.ts';
import { startMediaServer, type MediaServer } from './support/media-server.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  installApp,
  signatureOf,
  startReceiver,
  subscribeApp,
  type Receiver,
} from './support/webhook-receiver.ts';

const INSTAGRAM_FIELDS = [
  'messages',
  'messaging_postbacks',
  'messaging_reactions',
  'messaging_referrals',
  'messaging_seen',
  'messaging_optins',
  'message_edit',
];

const PAGE_FIELDS = [
  'messages',
  'message_echoes',
  'message_deliveries',
  'message_reads',
  'message_reactions',
  'messaging_postbacks',
  'messaging_referrals',
  'messaging_optins',
  'message_edits',
];

describeEachStore('Webhook events', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  let media: MediaServer;
  beforeAll(async () => {
    receiver = await startReceiver();
    media = await startMediaServer();
  });
  afterAll(async () => {
    await receiver.close();
    await media.close();
  });

  const sandbox = (): SandboxClient => server().sandbox;

  /** A business whose app hears everything its Instagram account (Instagram Login) and Page send. */
  async function subscribedBusiness() {
    const business = await createBusiness(sandbox());
    const { graph } = server();
    await subscribeApp(graph, business.app, receiver, 'instagram', INSTAGRAM_FIELDS);
    await subscribeApp(graph, business.app, receiver, 'page', PAGE_FIELDS);
    await installApp(graph, business.igToken, INSTAGRAM_FIELDS);
    await installApp(graph, business.pageToken, PAGE_FIELDS);
    return business;
  }

  const businessSends = (token: string, to: string, message: Record<string, unknown>) =>
    server().graph.post('/v23.0/me/messages', { recipient: { id: to }, message }, { token });

  describe('Instagram Login', () => {
    it("delivers a person's text, signed over exactly the bytes sent, non-ASCII escaped as Meta does", async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const texts = ['안녕하세요', 'こんにちは、世界', 'Hi 👋🏽 see https://ex.am/ple'];
      const sent = [];
      for (const text of texts) sent.push(await sandbox().send(person.id, business.ig.id, text));

      const items = await receiver.itemsOf(business.ig.id, texts.length);
      expect(items).toEqual(
        sent.map((s, i) => ({
          sender: { id: s.sender_id },
          recipient: { id: business.ig.id },
          timestamp: s.timestamp,
          message: { mid: s.message_id, text: texts[i] },
        })),
      );
      const posts = receiver.posts.filter((p) => p.body.entry.some((e) => e.id === business.ig.id));
      const raw = posts.map((p) => p.raw.toString('latin1')).join('');
      expect(raw).toMatch(/^[\x20-\x7e]*$/);
      expect(raw).toContain('\\uc548\\ub155\\ud558\\uc138\\uc694');
      expect(raw).toContain('\\u3053\\u3093\\u306b\\u3061\\u306f');
      expect(raw).toContain('\\ud83d\\udc4b\\ud83c\\udffd');
      expect(raw).toContain('https:\\/\\/ex.am\\/ple');
      for (const post of posts) {
        expect(post.headers['content-type']).toBe('application/json');
        expect(post.headers['x-hub-signature-256']).toBe(signatureOf(post.raw, business.app.secret));
        expect(post.headers['x-hub-signature']).toBe(signatureOf(post.raw, business.app.secret, 'sha1'));
        expect(post.body.object).toBe('instagram');
        for (const entry of post.body.entry) {
          expect(entry.id).toBe(business.ig.id);
          expect(entry.time).toBe(entry.messaging[0].timestamp);
          expect(entry.time).toBeGreaterThan(1e12);
          expect(entry.messaging).toHaveLength(1);
        }
      }
    });

    it('carries attachments, quick replies, replies, story replies and mentions, shares and ad referrals', async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const to = business.ig.id;
      const first = await sandbox().send(person.id, to, 'first');
      const inputs: Record<string, unknown>[] = [
        { attachments: [{ type: 'image', url: 'https://cdn.example/cat.jpg' }] },
        { text: 'Yes', quick_reply: { payload: 'ANSWER_YES' } },
        { text: 'about that', reply_to: first.message_id },
        {
          text: 'nice story',
          reply_to: { story: { id: '17900000000000001', url: 'https://cdn.example/s.mp4' } },
        },
        { attachments: [{ type: 'story_mention', url: 'https://cdn.example/mention.jpg' }] },
        { attachments: [{ type: 'share', url: 'https://www.instagram.com/p/abc/' }] },
        { text: 'from the ad', referral: { ref: 'spring', ad_id: '120200000000001' } },
      ];
      for (const input of inputs)
        await sandbox().do('POST', `/users/${person.id}/messages`, { to, ...input });
      const messages = (await receiver.itemsOf(to, inputs.length + 1)).map((i) => i.message);
      expect(messages.slice(1)).toEqual([
        {
          mid: expect.any(String),
          attachments: [{ type: 'image', payload: { url: 'https://cdn.example/cat.jpg' } }],
        },
        { mid: expect.any(String), text: 'Yes', quick_reply: { payload: 'ANSWER_YES' } },
        { mid: expect.any(String), text: 'about that', reply_to: { mid: first.message_id } },
        {
          mid: expect.any(String),
          text: 'nice story',
          reply_to: { story: { url: 'https://cdn.example/s.mp4', id: '17900000000000001' } },
        },
        {
          mid: expect.any(String),
          attachments: [{ type: 'story_mention', payload: { url: 'https://cdn.example/mention.jpg' } }],
        },
        {
          mid: expect.any(String),
          attachments: [{ type: 'share', payload: { url: 'https://www.instagram.com/p/abc/' } }],
        },
        {
          mid: expect.any(String),
          text: 'from the ad',
          referral: { ref: 'spring', ad_id: '120200000000001', source: 'ADS', type: 'OPEN_THREAD' },
        },
      ]);
    });

    it('sends no webhook for a sticker a person sends on Instagram', async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const to = business.ig.id;
      await sandbox().do('POST', `/users/${person.id}/messages`, {
        to,
        attachments: [{ type: 'sticker', url: 'https://cdn.example/sticker.png' }],
      });
      await sandbox().send(person.id, to, 'after the sticker');
      const items = await receiver.itemsOf(to, 1);
      expect(items.map((i) => i.message.text)).toEqual(['after the sticker']);
    });

    it("echoes the business's messages with the messages field, media at Parley's CDN URL", async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const { sender_id: igsid } = await sandbox().send(person.id, business.ig.id, 'hello?');
      const text = await businessSends(business.igToken, igsid, { text: 'Hello! 😊' });
      const image = await businessSends(business.igToken, igsid, {
        attachment: { type: 'image', payload: { url: `${media.url}/photo.jpg` } },
      });
      const [, textEcho, imageEcho] = await receiver.itemsOf(business.ig.id, 3);
      expect(textEcho).toEqual({
        sender: { id: business.ig.id },
        recipient: { id: igsid },
        timestamp: expect.any(Number),
        message: { mid: text.body.message_id, is_echo: true, text: 'Hello! 😊' },
      });
      expect(imageEcho.message).toEqual({
        mid: image.body.message_id,
        is_echo: true,
        attachments: [
          {
            type: 'image',
            payload: { url: expect.stringMatching(new RegExp(`^${server().url}/cdn/\\d+\\?oh=`)) },
          },
        ],
      });
      expect((await fetch(imageEcho.message.attachments[0].payload.url)).status).toBe(200);
    });

    it('delivers postbacks, reactions, seen, referrals, opt-ins, edits and unsends', async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const to = business.ig.id;
      const hello = await sandbox().send(person.id, to, 'hello');
      const reply = await businessSends(business.igToken, hello.sender_id, { text: 'How can we help?' });
      const mid = reply.body.message_id as string;
      const act = (path: string, body: Record<string, unknown>) =>
        sandbox().do('POST', `/users/${person.id}/${path}`, body);
      const postback = await act('postbacks', { to, title: 'Track order', payload: 'TRACK' });
      await act('reactions', { message_id: mid, reaction: 'love' });
      await act('reactions', { message_id: mid, action: 'unreact' });
      await act('seen', { message_id: mid });
      await act('referrals', { to, ref: 'summer-sale' });
      await act('optins', { to, type: 'notification_messages', payload: 'WEEKLY', title: 'Weekly deals' });
      await sandbox().do('POST', `/messages/${hello.message_id}/edit`, { text: 'hello, edited' });
      await sandbox().do('DELETE', `/messages/${hello.message_id}`);
      await sandbox().do('DELETE', `/messages/${mid}`);

      const items = await receiver.itemsOf(to, 11);
      const events = items.slice(2).map(({ sender, recipient, timestamp, ...event }) => {
        expect(typeof timestamp).toBe('number');
        return {
          from: sender.id === to ? 'business' : 'person',
          to: recipient.id === to ? 'business' : 'person',
          ...event,
        };
      });
      expect(events).toEqual([
        {
          from: 'person',
          to: 'business',
          postback: { mid: postback.message_id, title: 'Track order', payload: 'TRACK' },
        },
        { from: 'person', to: 'business', reaction: { mid, action: 'react', reaction: 'love', emoji: '❤️' } },
        { from: 'person', to: 'business', reaction: { mid, action: 'unreact' } },
        { from: 'person', to: 'business', read: { mid } },
        {
          from: 'person',
          to: 'business',
          referral: { ref: 'summer-sale', source: 'SHORTLINK', type: 'OPEN_THREAD' },
        },
        {
          from: 'person',
          to: 'business',
          optin: {
            type: 'notification_messages',
            payload: 'WEEKLY',
            title: 'Weekly deals',
            notification_messages_token: expect.stringMatching(/^\d+$/),
            notification_messages_frequency: 'DAILY',
            token_expiry_timestamp: expect.any(Number),
            user_token_status: 'NOT_REFRESHED',
            notification_messages_timezone: 'UTC',
          },
        },
        {
          from: 'person',
          to: 'business',
          message_edit: { mid: hello.message_id, text: 'hello, edited', num_edit: 1 },
        },
        { from: 'person', to: 'business', message: { mid: hello.message_id, is_deleted: true } },
        { from: 'business', to: 'person', message: { mid, is_echo: true, is_deleted: true } },
      ]);
      const raw = receiver.posts.map((p) => p.raw.toString('latin1')).join('');
      expect(raw).toContain('"emoji":"\\u2764\\ufe0f"');
    });

    it('delivers only the fields both the app and the account subscribed', async () => {
      const business = await createBusiness(sandbox());
      await subscribeApp(server().graph, business.app, receiver, 'instagram', INSTAGRAM_FIELDS);
      await installApp(server().graph, business.igToken, ['messages']);
      const person = await sandbox().user();
      const hello = await sandbox().send(person.id, business.ig.id, 'hello');
      const reply = await businessSends(business.igToken, hello.sender_id, { text: 'hi' });
      await sandbox().do('POST', `/users/${person.id}/reactions`, { message_id: reply.body.message_id });
      await sandbox().do('POST', `/users/${person.id}/seen`, { message_id: reply.body.message_id });
      await sandbox().send(person.id, business.ig.id, 'last');
      const items = await receiver.itemsOf(business.ig.id, 3);
      expect(items.map((i) => i.message?.text)).toEqual(['hello', 'hi', 'last']);
      const { data } = await sandbox().do('GET', `/webhooks/deliveries?app_id=${business.app.id}`);
      expect(new Set(data.map((d: { field: string }) => d.field))).toEqual(new Set(['messages']));
    });
  });

  describe('Messenger (Page token)', () => {
    it('delivers messages, echoes with the app id and metadata, deliveries and reads', async () => {
      const business = await subscribedBusiness();
      const person = await sandbox().user();
      const pageId = business.page.id;
      const hello = await sandbox().send(person.id, pageId, 'Bonjour ✨');
      const psid = hello.sender_id as string;
      const sent = await businessSends(business.pageToken, psid, { text: 'Salut !', metadata: 'ticket-42' });
      const mid = sent.body.message_id as string;
      await sandbox().do('POST', `/users/${person.id}/seen`, { message_id: mid });
      await sandbox().do('POST', `/users/${person.id}/messages`, {
        to: pageId,
        attachments: [{ type: 'sticker', url: 'https://cdn.example/thumbs.png', id: '369239263222822' }],
      });
      await sandbox().do('POST', `/users/${person.id}/messages`, {
        to: pageId,
        attachments: [
          { type: 'share', url: 'https://www.facebook.com/page/posts/1' },
          { type: 'ig_post', url: 'https://www.instagram.com/p/abc/' },
        ],
      });

      const items = await receiver.itemsOf(pageId, 6);
      expect(items[0]).toEqual({
        sender: { id: psid },
        recipient: { id: pageId },
        timestamp: hello.timestamp,
        message: { mid: hello.message_id, text: 'Bonjour ✨' },
      });
      expect(items[1]).toEqual({
        sender: { id: pageId },
        recipient: { id: psid },
        timestamp: expect.any(Number),
        message: {
          mid,
          is_echo: true,
          app_id: Number(business.app.id),
          metadata: 'ticket-42',
          text: 'Salut !',
        },
      });
      expect(items[2]).toEqual({
        sender: { id: psid },
        recipient: { id: pageId },
        timestamp: items[1].timestamp,
        delivery: { mids: [mid], watermark: items[1].timestamp },
      });
      expect(items[3].read).toEqual({ watermark: items[1].timestamp });
      expect(items[4].message.attachments).toEqual([
        { type: 'sticker', payload: { url: 'https://cdn.example/thumbs.png', sticker_id: 369239263222822 } },
      ]);
      // Messenger names shared posts `post` and `ig_post`, not Instagram's `share`.
      expect(items[5].message.attachments).toEqual([
        { type: 'post', payload: { url: 'https://www.facebook.com/page/posts/1' } },
        { type: 'ig_post', payload: { url: 'https://www.instagram.com/p/abc/' } },
      ]);
      const echoPost = receiver.posts.find((p) => p.raw.includes(`"mid":"${mid}","is_echo":true`))!;
      expect(echoPost.body.object).toBe('page');
      // The app id is a bare JSON number, all its digits kept.
      expect(echoPost.raw.toString()).toContain(`"app_id":${business.app.id},`);
    });

    it("delivers an Instagram account's events through its Page's subscription", async () => {
      const business = await createBusiness(sandbox());
      await subscribeApp(server().graph, business.app, receiver, 'instagram', ['messages', 'message_echoes']);
      await server().graph.post(
        `/v23.0/${business.page.id}/subscribed_apps`,
        { subscribed_fields: 'messages' },
        { token: business.pageToken },
      );
      const person = await sandbox().user();
      const hello = await sandbox().send(person.id, business.ig.id, 'via the page');
      await businessSends(business.pageToken, hello.sender_id, { text: 'answered on the Page token' });
      const items = await receiver.itemsOf(business.ig.id, 2);
      expect(items.map((i) => i.message.text)).toEqual(['via the page', 'answered on the Page token']);
      expect(items[1].message.is_echo).toBe(true);
      const post = receiver.posts.find(
        (p) => p.body.entry[0]!.messaging[0].message?.mid === hello.message_id,
      )!;
      expect(post.body.object).toBe('instagram');
      expect(post.body.entry[0]!.id).toBe(business.ig.id);
    });
  });
});
