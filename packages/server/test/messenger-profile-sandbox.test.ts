/**
 * The Messenger profile takes effect: a new person sees the welcome screen (the greeting, and the Get Started
 * button or the ice breakers) in their locale, the persistent menu beside the composer, and their taps reach the
 * bot as Meta's `messaging_postbacks` webhooks, read byte for byte by a real receiver.
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

type Business = Awaited<ReturnType<typeof createBusiness>>;

const FIELDS = { instagram: ['messages', 'messaging_postbacks'], page: ['messages', 'messaging_postbacks'] };

describeEachStore('Messenger profile in the sandbox', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  let biz: Business;
  beforeAll(async () => {
    receiver = await startReceiver();
    const { graph, sandbox } = server();
    biz = await createBusiness(sandbox);
    await subscribeApp(graph, biz.app, receiver, 'instagram', FIELDS.instagram);
    await subscribeApp(graph, biz.app, receiver, 'page', FIELDS.page);
    await installApp(graph, biz.igToken, FIELDS.instagram);
    await installApp(graph, biz.pageToken, FIELDS.page);
  });
  afterAll(() => receiver.close());

  const setProfile = async (body: Record<string, unknown>, token = biz.pageToken) => {
    const res = await server().graph.post('/v23.0/me/messenger_profile', body, { token });
    expect(res.body).toEqual({ result: 'success' });
  };
  const deleteProfile = (fields: string[], token = biz.pageToken) =>
    server().graph.post('/v23.0/me/messenger_profile', { method: 'delete', fields }, { token });
  const act = (path: string, body: Record<string, unknown>) => server().sandbox.raw('POST', path, body);
  const view = async (accountId: string, userId?: string) =>
    (
      await server().sandbox.raw(
        'GET',
        `/accounts/${accountId}/messenger-profile${userId ? `?user_id=${userId}` : ''}`,
      )
    ).body;
  /** The postback item the person's act sent, as the receiver got it. */
  const postbackOf = (mid: string) =>
    receiver.until(() => receiver.items().find((item) => item.postback?.mid === mid));

  const MENU = [
    {
      locale: 'default',
      call_to_actions: [
        { type: 'postback', title: 'Talk to an agent', payload: 'CARE_HELP' },
        { type: 'web_url', title: 'Shop now', url: 'https://shop.example.com/' },
      ],
    },
    {
      locale: 'fr_FR',
      call_to_actions: [{ type: 'postback', title: 'Parler à un agent', payload: 'CARE_HELP' }],
    },
  ];

  describe('on Messenger', () => {
    beforeAll(() =>
      setProfile({
        get_started: { payload: 'GET_STARTED' },
        greeting: [
          { locale: 'default', text: 'Hello {{user_first_name}}!' },
          { locale: 'fr_FR', text: 'Bonjour {{user_full_name}} !' },
        ],
        persistent_menu: MENU,
      }),
    );

    it("shows a new person the greeting, the Get Started button and the menu, in the person's locale", async () => {
      const rosa = await server().sandbox.user({ name: 'Rosa Diaz' });
      const amelie = await server().sandbox.user({ name: 'Amélie Poulain', locale: 'fr_FR' });
      expect(await view(biz.page.id, rosa.id)).toEqual({
        welcome: { greeting: 'Hello Rosa!', get_started: { payload: 'GET_STARTED' } },
        menu: { composer_input_disabled: false, call_to_actions: MENU[0]!.call_to_actions },
      });
      expect(await view(biz.page.id, amelie.id)).toEqual({
        welcome: { greeting: 'Bonjour Amélie Poulain !', get_started: { payload: 'GET_STARTED' } },
        menu: { composer_input_disabled: false, call_to_actions: MENU[1]!.call_to_actions },
      });
      // Someone not yet made: the templates stay unfilled.
      expect((await view(biz.page.id)).welcome.greeting).toBe('Hello {{user_first_name}}!');
    });

    it("sends Get Started's postback with the link's referral, in Meta's bytes, and then no longer shows it", async () => {
      const rosa = await server().sandbox.user({ name: 'Rosa Diaz' });
      const tapped = await act(`/users/${rosa.id}/get-started`, { to: biz.page.id, ref: 'summer-sale' });
      expect(tapped.status).toBe(200);
      const item = await postbackOf(tapped.body.message_id);
      const bytes =
        `{"sender":{"id":"${tapped.body.sender_id}"},"recipient":{"id":"${biz.page.id}"},` +
        `"timestamp":${tapped.body.timestamp},"postback":{"mid":"${tapped.body.message_id}","title":"Get Started",` +
        `"payload":"GET_STARTED","referral":{"ref":"summer-sale","source":"SHORTLINK","type":"OPEN_THREAD"}}}`;
      const post = receiver.posts.find((p) => p.raw.toString('utf8').includes(bytes));
      expect(post, 'the postback as Meta writes it').toBeDefined();
      expect(post!.body.object).toBe('page');
      expect(post!.headers['x-hub-signature-256']).toBe(signatureOf(post!.raw, biz.app.secret));
      expect(item.sender.id).toBe(tapped.body.sender_id);

      // The tap posts "Get Started" into the conversation; the welcome screen is gone, the menu stays.
      const thread = await server().sandbox.do(
        'GET',
        `/conversations/${tapped.body.conversation_id}/messages`,
      );
      expect(thread.data.map((m: { text: string }) => m.text)).toEqual(['Get Started']);
      expect((await view(biz.page.id, rosa.id)).welcome).toBeNull();
      const again = await act(`/users/${rosa.id}/get-started`, { to: biz.page.id });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/sees no Get Started button/);
    });

    it('sends a menu postback, opens a URL item without a webhook, and refuses an item the person does not see', async () => {
      const sam = await server().sandbox.user({ name: 'Sam' });
      const menu = await act(`/users/${sam.id}/menu`, { to: biz.page.id, title: 'Talk to an agent' });
      expect(menu.body).toMatchObject({ type: 'postback', message_id: expect.any(String) });
      expect((await postbackOf(menu.body.message_id)).postback).toEqual({
        mid: menu.body.message_id,
        title: 'Talk to an agent',
        payload: 'CARE_HELP',
      });
      const before = receiver.items().length;
      expect((await act(`/users/${sam.id}/menu`, { to: biz.page.id, title: 'Shop now' })).body).toEqual({
        type: 'web_url',
        url: 'https://shop.example.com/',
      });
      const missing = await act(`/users/${sam.id}/menu`, { to: biz.page.id, title: 'Parler à un agent' });
      expect(missing.status).toBe(409);
      expect(missing.body.error.message).toContain('"Talk to an agent", "Shop now"');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receiver.items().length).toBe(before);
    });

    it('shows ice breakers instead of the Get Started button, and a menu only beside one', async () => {
      await setProfile({
        ice_breakers: [
          { locale: 'default', call_to_actions: [{ question: 'What are your hours?', payload: 'HOURS' }] },
        ],
      });
      const pat = await server().sandbox.user({ name: 'Pat' });
      expect((await view(biz.page.id, pat.id)).welcome).toEqual({
        greeting: 'Hello Pat!',
        ice_breakers: [{ question: 'What are your hours?', payload: 'HOURS' }],
      });
      expect((await act(`/users/${pat.id}/get-started`, { to: biz.page.id })).status).toBe(409);
      const tapped = await act(`/users/${pat.id}/ice-breakers`, {
        to: biz.page.id,
        question: 'What are your hours?',
      });
      expect((await postbackOf(tapped.body.message_id)).postback).toEqual({
        mid: tapped.body.message_id,
        title: 'What are your hours?',
        payload: 'HOURS',
      });

      await deleteProfile(['ice_breakers', 'get_started']);
      const lee = await server().sandbox.user({ name: 'Lee' });
      expect(await view(biz.page.id, lee.id)).toEqual({ welcome: { greeting: 'Hello Lee!' }, menu: null });
    });
  });

  describe('on Instagram', () => {
    it("shows the ice breakers, sends a tap's postback with its referral, and the menu without a Get Started", async () => {
      await setProfile(
        {
          ice_breakers: [
            {
              call_to_actions: [
                { question: 'See packages', payload: 'PACKAGES' },
                { question: 'Where are you?', payload: 'WHERE' },
              ],
            },
          ],
          persistent_menu: [
            {
              locale: 'default',
              call_to_actions: [{ type: 'postback', title: 'Refunds', payload: 'REFUND' }],
            },
          ],
        },
        biz.igToken,
      );
      const mina = await server().sandbox.user({ name: 'Mina Kim' });
      expect(await view(biz.ig.id, mina.id)).toEqual({
        welcome: {
          ice_breakers: [
            { question: 'See packages', payload: 'PACKAGES' },
            { question: 'Where are you?', payload: 'WHERE' },
          ],
        },
        menu: {
          composer_input_disabled: false,
          call_to_actions: [{ type: 'postback', title: 'Refunds', payload: 'REFUND' }],
        },
      });
      const wrong = await act(`/users/${mina.id}/ice-breakers`, { to: biz.ig.id, question: 'Hours?' });
      expect(wrong.status).toBe(409);
      expect(wrong.body.error.message).toContain('they see "See packages", "Where are you?"');
      expect((await act(`/users/${mina.id}/get-started`, { to: biz.ig.id })).status).toBe(409);

      const tapped = await act(`/users/${mina.id}/ice-breakers`, {
        to: biz.ig.id,
        question: 'See packages',
        ref: 'ad-7',
      });
      const item = await postbackOf(tapped.body.message_id);
      expect(item).toEqual({
        sender: { id: tapped.body.sender_id },
        recipient: { id: biz.ig.id },
        timestamp: tapped.body.timestamp,
        postback: {
          mid: tapped.body.message_id,
          title: 'See packages',
          payload: 'PACKAGES',
          referral: { ref: 'ad-7', source: 'SHORTLINK', type: 'OPEN_THREAD' },
        },
      });
      const post = receiver.posts.find((p) => p.raw.toString('utf8').includes(tapped.body.message_id));
      expect(post?.body.object).toBe('instagram');
      expect((await view(biz.ig.id, mina.id)).welcome).toBeNull();
      const menu = await act(`/users/${mina.id}/menu`, { to: biz.ig.id, title: 'Refunds' });
      expect((await postbackOf(menu.body.message_id)).postback.payload).toBe('REFUND');
    });
  });
});
