/**
 * Configuring webhooks as Meta does: `/{app-id}/subscriptions` with its verification handshake, and
 * `/{id}/subscribed_apps`, over real HTTP, with a real callback server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';

describeEachStore('Webhook subscriptions', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  const subscribe = (appId: string, token: string, params: Record<string, unknown>) =>
    server().graph.post(`/v23.0/${appId}/subscriptions`, { ...params, access_token: token });
  const listSubscriptions = (appId: string, token: string) =>
    server().graph.get(`/v23.0/${appId}/subscriptions`, { access_token: token });

  describe('/{app-id}/subscriptions', () => {
    it('verifies the callback with the handshake, then saves the subscription', async () => {
      const app = await server().sandbox.createApp();
      const before = receiver.handshakes.length;
      const saved = await subscribe(app.id, app.app_token, {
        object: 'instagram',
        callback_url: receiver.url,
        verify_token: 'verify-me',
        fields: 'messages,messaging_postbacks',
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ success: true });

      const handshake = receiver.handshakes[before]!;
      expect(handshake.get('hub.mode')).toBe('subscribe');
      expect(handshake.get('hub.verify_token')).toBe('verify-me');
      expect(handshake.get('hub.challenge')).toMatch(/^\d+$/);

      const listed = await listSubscriptions(app.id, app.app_token);
      expect(listed.body).toEqual({
        data: [
          {
            object: 'instagram',
            callback_url: receiver.url,
            active: true,
            fields: [
              { name: 'messages', version: 'v23.0' },
              { name: 'messaging_postbacks', version: 'v23.0' },
            ],
          },
        ],
      });
    });

    it('takes fields as a JSON array, and adds them to those already subscribed', async () => {
      const app = await server().sandbox.createApp();
      const base = { object: 'page', callback_url: receiver.url, verify_token: 'verify-me' };
      await subscribe(app.id, app.app_token, { ...base, fields: '["messages"]' });
      const more = await subscribe(app.id, app.app_token, { object: 'page', fields: ['message_echoes'] });
      expect(more.status).toBe(200);
      const listed = await listSubscriptions(app.id, app.app_token);
      expect(listed.body.data[0].fields.map((f: { name: string }) => f.name)).toEqual([
        'messages',
        'message_echoes',
      ]);
    });

    it.each([
      [
        'a wrong verify token',
        { verify_token: 'not-the-one' },
        /HTTP Status Code = 403; HTTP Message = Forbidden/,
      ],
      [
        'an unreachable URL',
        { callback_url: 'http://127.0.0.1:9/webhook' },
        /Could not reach the callback URL/,
      ],
    ])('refuses the subscription when the handshake fails (%s)', async (_name, override, message) => {
      const app = await server().sandbox.createApp();
      const refused = await subscribe(app.id, app.app_token, {
        object: 'instagram',
        callback_url: receiver.url,
        verify_token: 'verify-me',
        fields: 'messages',
        ...override,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 2200, type: 'OAuthException' });
      expect(refused.body.error.message).toMatch(
        /^\(#2200\) Callback verification failed with the following errors: /,
      );
      expect(refused.body.error.message).toMatch(message);
      expect((await listSubscriptions(app.id, app.app_token)).body).toEqual({ data: [] });
    });

    it('refuses a callback that answers something other than the challenge', async () => {
      const liar = await startReceiver({ handshake: 'wrong-challenge' });
      try {
        const app = await server().sandbox.createApp();
        const refused = await subscribe(app.id, app.app_token, {
          object: 'page',
          callback_url: liar.url,
          verify_token: 'verify-me',
          fields: 'messages',
        });
        expect(refused.body.error.code).toBe(2200);
        // Meta quotes what the callback answered (an exposed Parley does not: outbound-targets.test.ts).
        expect(refused.body.error.message).toContain('Response does not match challenge');
        expect(refused.body.error.message).toContain('received="not the challenge"');
      } finally {
        await liar.close();
      }
    });

    it('needs the app token, and known objects and fields', async () => {
      const { app, igToken } = await createBusiness(server().sandbox);
      const base = { object: 'instagram', callback_url: receiver.url, verify_token: 'verify-me' };
      const userToken = await subscribe(app.id, igToken, { ...base, fields: 'messages' });
      // The app's node answers its user tokens too, but only an app token manages its subscriptions.
      expect(userToken.body.error.code).toBe(15);
      expect(userToken.body.error.message).toBe('(#15) This method must be called with an app access_token.');

      const unknownField = await subscribe(app.id, app.app_token, { ...base, fields: 'messages,telepathy' });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.error.code).toBe(100);
      expect(unknownField.body.error.message).toMatch(
        /^\(#100\) Param fields must be one of \{.*\} - got "telepathy"$/,
      );

      const unknownObject = await subscribe(app.id, app.app_token, {
        ...base,
        object: 'whatsapp',
        fields: 'messages',
      });
      expect(unknownObject.body.error.message).toBe(
        '(#100) Param object must be one of {instagram, page} - got "whatsapp"',
      );
      const noFields = await subscribe(app.id, app.app_token, base);
      expect(noFields.body.error.message).toBe('(#100) The parameter fields is required');
      const emptyList = await subscribe(app.id, app.app_token, { ...base, fields: '[]' });
      expect(emptyList.body.error.message).toBe('(#100) The parameter fields is required');
      const notNames = await subscribe(app.id, app.app_token, { ...base, fields: '["messages",5]' });
      expect(notNames.body.error.message).toMatch(/ - got "5"$/);
      const noUrl = await subscribe(app.id, app.app_token, { object: 'page', fields: 'messages' });
      expect(noUrl.body.error.message).toBe('(#100) The parameter callback_url is required');
    });

    it('removes fields, an object, or everything with DELETE', async () => {
      const app = await server().sandbox.createApp();
      const base = { callback_url: receiver.url, verify_token: 'verify-me' };
      await subscribe(app.id, app.app_token, { ...base, object: 'page', fields: 'messages,message_reads' });
      await subscribe(app.id, app.app_token, { ...base, object: 'instagram', fields: 'messages' });
      const url = `/v23.0/${app.id}/subscriptions`;
      const del = (params: Record<string, string>) =>
        server().graph.post(url, { ...params, access_token: app.app_token, method: 'delete' });

      expect((await del({ object: 'page', fields: 'message_reads' })).body).toEqual({ success: true });
      let listed = (await listSubscriptions(app.id, app.app_token)).body.data;
      expect(listed.map((s: { object: string }) => s.object)).toEqual(['instagram', 'page']);
      expect(listed[1].fields).toEqual([{ name: 'messages', version: 'v23.0' }]);

      // Either spelling of a disputed field names the same field: added once, removed by the other.
      await subscribe(app.id, app.app_token, { ...base, object: 'instagram', fields: 'messaging_referral' });
      await subscribe(app.id, app.app_token, { ...base, object: 'instagram', fields: 'messaging_referrals' });
      listed = (await listSubscriptions(app.id, app.app_token)).body.data;
      expect(listed[0].fields.map((f: { name: string }) => f.name)).toEqual([
        'messages',
        'messaging_referrals',
      ]);
      await del({ object: 'instagram', fields: 'messaging_referral' });
      listed = (await listSubscriptions(app.id, app.app_token)).body.data;
      expect(listed[0].fields).toEqual([{ name: 'messages', version: 'v23.0' }]);

      // Fields without their object remove nothing.
      expect((await del({ fields: 'messages' })).body.error.message).toBe(
        '(#100) The parameter object is required',
      );
      await del({ object: 'instagram' });
      listed = (await listSubscriptions(app.id, app.app_token)).body.data;
      expect(listed.map((s: { object: string }) => s.object)).toEqual(['page']);

      await del({});
      expect((await listSubscriptions(app.id, app.app_token)).body).toEqual({ data: [] });
    });
  });

  describe('/{id}/subscribed_apps', () => {
    it('installs the app on an Instagram account, in either spelling of the disputed fields', async () => {
      const { app, igToken } = await createBusiness(server().sandbox);
      for (const fields of [
        'messages,messaging_reactions,messaging_referrals',
        'messages,message_reactions,messaging_referral,messaging_seen',
      ]) {
        const installed = await server().graph.post(
          '/v23.0/me/subscribed_apps',
          { subscribed_fields: fields },
          { token: igToken },
        );
        expect(installed.status).toBe(200);
        expect(installed.body).toEqual({ success: true });
      }
      const listed = await server().graph.get('/v23.0/me/subscribed_apps', {}, { token: igToken });
      expect(listed.body).toEqual({
        data: [
          {
            subscribed_fields: ['messages', 'message_reactions', 'messaging_referral', 'messaging_seen'],
            name: app.name,
            id: app.id,
          },
        ],
      });
      // PHP-style indexed form keys are an array too.
      const indexed = await server().graph.post(
        '/v23.0/me/subscribed_apps',
        { 'subscribed_fields[1]': 'messaging_seen', 'subscribed_fields[0]': 'messages' },
        { token: igToken, form: true },
      );
      expect(indexed.body).toEqual({ success: true });
      const reinstalled = await server().graph.get('/v23.0/me/subscribed_apps', {}, { token: igToken });
      expect(reinstalled.body.data[0].subscribed_fields).toEqual(['messages', 'messaging_seen']);
      const removed = await server().graph.post(
        '/v23.0/me/subscribed_apps',
        { method: 'delete' },
        { token: igToken },
      );
      expect(removed.body).toEqual({ success: true });
      expect((await server().graph.get('/v23.0/me/subscribed_apps', {}, { token: igToken })).body).toEqual({
        data: [],
      });
    });

    it('installs the app on a Page, which lists it with its category and link', async () => {
      const { app, page, pageToken } = await createBusiness(server().sandbox);
      const installed = await server().graph.post(
        `/v23.0/${page.id}/subscribed_apps`,
        { subscribed_fields: 'messages,message_echoes,messaging_postbacks' },
        { token: pageToken },
      );
      expect(installed.body).toEqual({ success: true });
      const listed = await server().graph.get(`/v23.0/${page.id}/subscribed_apps`, {}, { token: pageToken });
      expect(listed.body.data).toEqual([
        {
          category: 'Business',
          link: `https://www.facebook.com/games/?app_id=${app.id}`,
          name: app.name,
          id: app.id,
          subscribed_fields: ['messages', 'message_echoes', 'messaging_postbacks'],
        },
      ]);
    });

    it('answers Meta errors for missing or unknown fields and for other accounts', async () => {
      const { page, pageToken } = await createBusiness(server().sandbox);
      const missing = await server().graph.post(
        `/v23.0/${page.id}/subscribed_apps`,
        {},
        { token: pageToken },
      );
      expect(missing.body.error.message).toBe('(#100) The parameter subscribed_fields is required');
      const unknown = await server().graph.post(
        `/v23.0/${page.id}/subscribed_apps`,
        { subscribed_fields: 'messages,messaging_seen' },
        { token: pageToken },
      );
      expect(unknown.body.error.message).toMatch(
        /^\(#100\) Param subscribed_fields must be one of \{.*\} - got "messaging_seen"$/,
      );
      const other = await createBusiness(server().sandbox);
      const elsewhere = await server().graph.post(
        `/v23.0/${other.page.id}/subscribed_apps`,
        { subscribed_fields: 'messages' },
        { token: pageToken },
      );
      expect(elsewhere.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    });
  });
});
