/**
 * The Messenger Profile API over HTTP: each property set, read and deleted on a Page, and an Instagram account's
 * two paths (a Page token with `platform=instagram`, and Instagram Login) sharing one profile. Refusals of
 * properties are in messenger-profile-refusals.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import {
  answer,
  graphError as error,
  ICE_BREAKERS,
  MENU,
  useProfileApi,
} from './support/messenger-profile.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Messenger profile', (kind) => {
  const server = useTestServer(kind);
  const { world, post, get, del } = useProfileApi(server);

  describe('on a Page', () => {
    it('sets each property, answers those asked in the order asked, and deletes those named', async () => {
      const profile = {
        get_started: { payload: 'GET_STARTED' },
        greeting: [
          { locale: 'default', text: 'Hello {{user_first_name}}!' },
          { locale: 'en_US', text: 'Timeless apparel for the masses.' },
        ],
        ice_breakers: ICE_BREAKERS,
        persistent_menu: MENU,
        whitelisted_domains: ['https://www.originalcoastclothing.com/', 'https://shop.example.com'],
        account_linking_url: 'https://www.example.com/authorize',
        commands: [
          { locale: 'default', commands: [{ name: 'flights', description: 'Find flights and fares' }] },
        ],
      };
      expect(answer(await post(profile))).toEqual({ status: 200, body: { result: 'success' } });

      const all = await get(
        'whitelisted_domains,greeting,get_started,persistent_menu,ice_breakers,account_linking_url,commands',
      );
      expect(all.status).toBe(200);
      expect(all.text).toBe(
        JSON.stringify({
          data: [
            {
              whitelisted_domains: profile.whitelisted_domains,
              greeting: profile.greeting,
              get_started: profile.get_started,
              persistent_menu: profile.persistent_menu,
              ice_breakers: profile.ice_breakers,
              account_linking_url: profile.account_linking_url,
              commands: profile.commands,
            },
          ],
        }).replaceAll('/', '\\/'),
      );
      expect((await get('get_started,subject_to_new_eu_privacy_rules,bogus')).body).toEqual({
        data: [{ get_started: { payload: 'GET_STARTED' }, subject_to_new_eu_privacy_rules: false }],
      });

      // A POST sets only what it names.
      await post({ get_started: { payload: 'START_AGAIN' } });
      expect((await get('get_started,greeting')).body.data[0].greeting).toEqual(profile.greeting);

      expect(answer(await del(['greeting', 'ice_breakers', 'home_url']))).toEqual({
        status: 200,
        body: { result: 'success' },
      });
      expect((await get('greeting,ice_breakers,get_started')).body).toEqual({
        data: [{ get_started: { payload: 'START_AGAIN' } }],
      });
      // A DELETE request as clients send it: the list in a JSON body.
      const deleted = await call(
        server().graph.url('/v23.0/me/messenger_profile', {}, { token: world.biz.pageToken }),
        {
          method: 'DELETE',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fields: ['get_started', 'persistent_menu', 'whitelisted_domains'] }),
        },
      );
      expect(deleted.body).toEqual({ result: 'success' });
      expect((await get('get_started,persistent_menu,whitelisted_domains,account_linking_url')).body).toEqual(
        {
          data: [{ account_linking_url: 'https://www.example.com/authorize' }],
        },
      );
      await del('["account_linking_url","commands"]');
      expect((await get('account_linking_url,commands')).body).toEqual({ data: [] });
    });

    it('takes form parameters, JSON text and bracket keys alike, and answers nothing unasked', async () => {
      const form = await server().graph.post(
        '/v23.0/me/messenger_profile',
        { 'get_started[payload]': 'FORM', greeting: [{ locale: 'default', text: 'Hi' }] },
        { token: world.biz.pageToken, form: true },
      );
      expect(form.body).toEqual({ result: 'success' });
      expect((await get('get_started,greeting')).body).toEqual({
        data: [{ get_started: { payload: 'FORM' }, greeting: [{ locale: 'default', text: 'Hi' }] }],
      });
      expect((await get(undefined)).body).toEqual({ data: [] });
      expect((await get('')).body).toEqual({ data: [] });
      expect(answer(await get('get_started{'))).toMatchObject({
        status: 400,
        body: { error: { code: 2500 } },
      });
      await del('get_started,greeting');
    });

    it('refuses a DELETE without fields, with none, or with a name it does not know', async () => {
      expect(answer(await del(undefined))).toEqual(error('(#100) The parameter fields is required'));
      expect(answer(await del('[]'))).toEqual(error('(#100) param fields must be non-empty.'));
      expect(answer(await del(['get_started', 'getting_started']))).toEqual(
        error(
          '(#100) Param fields[1] must be one of {ACCOUNT_LINKING_URL, COMMANDS, DESCRIPTION, GET_STARTED, GREETING, HOME_URL, ICE_BREAKERS, PAYMENT_SETTINGS, PERSISTENT_MENU, PLATFORM, SUBJECT_TO_NEW_EU_PRIVACY_RULES, TARGET_AUDIENCE, TITLE, WHITELISTED_DOMAINS}',
        ),
      );
    });

    it("answers 100/33 to another account's token and to an app token, and needs pages_messaging", async () => {
      const other = await createBusiness(server().sandbox);
      const path = `/v23.0/${world.biz.page.id}/messenger_profile`;
      for (const token of [other.pageToken, world.biz.app.app_token]) {
        const res = await server().graph.post(path, { get_started: { payload: 'X' } }, { token });
        expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
        expect(res.body.error.message).toMatch(/^Unsupported post request\. Object with ID/);
      }
      const limited = (
        await server().sandbox.token(world.biz.app.id, world.biz.page.id, { scopes: ['pages_show_list'] })
      ).access_token as string;
      expect(answer(await post({ get_started: { payload: 'X' } }, limited))).toMatchObject({
        status: 403,
        body: {
          error: { code: 200, message: '(#200) Requires pages_messaging permission to manage the object' },
        },
      });
    });
  });

  describe('on Instagram', () => {
    it('shares one profile between a Page token with platform=instagram and Instagram Login', async () => {
      const viaPage = await post({ platform: 'instagram', ice_breakers: ICE_BREAKERS });
      expect(viaPage.body).toEqual({ result: 'success' });
      const viaLogin = await server().graph.get(
        '/v23.0/me/messenger_profile',
        { fields: 'ice_breakers' },
        { token: world.biz.igToken },
      );
      expect(viaLogin.body).toEqual({ data: [{ ice_breakers: ICE_BREAKERS }] });
      // The Page's own Messenger profile is another one.
      expect((await get('ice_breakers')).body).toEqual({ data: [] });

      // Instagram Login's sample sets one unnamed set of questions: the default.
      const unnamed = [{ call_to_actions: [{ question: 'See packages', payload: 'PACKAGES' }] }];
      const path = `/v23.0/${world.biz.ig.id}/messenger_profile`;
      expect(
        (
          await server().graph.post(
            path,
            { platform: 'instagram', ice_breakers: unnamed },
            { token: world.biz.igToken },
          )
        ).body,
      ).toEqual({ result: 'success' });
      expect((await get('ice_breakers', world.biz.pageToken, { platform: 'instagram' })).body).toEqual({
        data: [{ ice_breakers: unnamed }],
      });
    });

    it('takes a menu without a Get Started button, but no composer_input_disabled, and only its properties', async () => {
      const menu = [
        {
          locale: 'default',
          call_to_actions: [{ type: 'postback', title: 'Refund policy', payload: 'REFUND' }],
        },
      ];
      expect((await post({ persistent_menu: menu }, world.biz.igToken)).body).toEqual({ result: 'success' });
      expect((await get('persistent_menu,get_started', world.biz.igToken)).body).toEqual({
        data: [{ persistent_menu: menu }],
      });
      expect(answer(await post({ persistent_menu: MENU }, world.biz.igToken))).toMatchObject({
        body: {
          error: {
            code: 100,
            message:
              '(#100) Invalid keys "composer_input_disabled" were found in param "persistent_menu[0]".',
            type: 'IGApiException',
          },
        },
      });
      expect(
        answer(await post({ get_started: { payload: 'GS' }, greeting: [] }, world.biz.igToken)),
      ).toMatchObject({
        body: { error: { message: '(#100) Requires one of the params: ice_breakers,persistent_menu' } },
      });
      expect((await del(['persistent_menu', 'ice_breakers'], world.biz.igToken)).body).toEqual({
        result: 'success',
      });
      expect((await get('persistent_menu,ice_breakers', world.biz.igToken)).body).toEqual({ data: [] });
    });

    it('answers 2534013 for a Page without an Instagram account, and needs the Instagram permissions', async () => {
      const page = await server().sandbox.page();
      const token = (await server().sandbox.token(world.biz.app.id, page.id)).access_token as string;
      expect(answer(await post({ platform: 'instagram', ice_breakers: ICE_BREAKERS }, token))).toMatchObject({
        body: { error: { code: 100, error_subcode: 2534013 } },
      });
      const limited = (
        await server().sandbox.token(world.biz.app.id, world.biz.ig.id, {
          scopes: ['instagram_business_basic'],
        })
      ).access_token as string;
      expect(answer(await get('ice_breakers', limited))).toMatchObject({
        status: 403,
        body: { error: { code: 10, type: 'IGApiException' } },
      });
    });
  });

  it('counts calls against the profile limit of 10 per 10 minutes per account, answering 613', async () => {
    const { sandbox } = server();
    await sandbox.do('POST', '/limits', { enabled: true, limits: { messenger_profile: { limit: 2 } } });
    try {
      const own = await createBusiness(sandbox);
      expect((await get('get_started', own.pageToken)).status).toBe(200);
      expect((await post({ get_started: { payload: 'A' } }, own.pageToken)).status).toBe(200);
      const limited = await get('get_started', own.pageToken);
      expect(limited.body.error).toMatchObject({
        code: 613,
        message: '(#613) Calls to this api have exceeded the rate limit.',
        is_transient: true,
      });
      // Instagram's profile is counted apart.
      expect((await get('ice_breakers', own.igToken)).status).toBe(200);
    } finally {
      await sandbox.do('POST', '/limits', { enabled: false, limits: { messenger_profile: { limit: 10 } } });
    }
  });
});
