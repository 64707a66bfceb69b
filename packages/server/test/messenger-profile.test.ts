/**
 * The Messenger Profile API over HTTP: each property set, read and deleted on a Page, an Instagram account's
 * two paths (a Page token with `platform=instagram`, and Instagram Login) sharing one profile, and every
 * refusal's envelope, with nothing stored after one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

type Business = Awaited<ReturnType<typeof createBusiness>>;

const MENU = [
  {
    locale: 'default',
    composer_input_disabled: false,
    call_to_actions: [
      { type: 'postback', title: 'Talk to an agent', payload: 'CARE_HELP' },
      {
        type: 'web_url',
        title: 'Shop now',
        url: 'https://www.originalcoastclothing.com/',
        webview_height_ratio: 'full',
      },
    ],
  },
];
const ICE_BREAKERS = [
  {
    call_to_actions: [
      { question: 'Where are you located?', payload: 'LOCATION' },
      { question: 'What are your hours?', payload: 'HOURS' },
    ],
    locale: 'default',
  },
  { call_to_actions: [{ question: 'Quelles sont vos heures ?', payload: 'HOURS' }], locale: 'fr_FR' },
];

describeEachStore('Messenger profile', (kind) => {
  const server = useTestServer(kind);
  let biz: Business;
  beforeAll(async () => {
    biz = await createBusiness(server().sandbox);
  });

  const post = (body: Record<string, unknown>, token = biz.pageToken, path = '/v23.0/me/messenger_profile') =>
    server().graph.post(path, body, { token });
  const get = (fields: string | undefined, token = biz.pageToken, extra: Record<string, string> = {}) =>
    server().graph.get('/v23.0/me/messenger_profile', { fields, ...extra }, { token });
  const del = (fields: unknown, token = biz.pageToken, extra: Record<string, unknown> = {}) =>
    server().graph.post('/v23.0/me/messenger_profile', { method: 'delete', fields, ...extra }, { token });
  const error = (message: string, extra: Record<string, unknown> = {}) => ({
    status: 400,
    body: {
      error: { message, type: 'OAuthException', code: 100, ...extra, fbtrace_id: expect.any(String) },
    },
  });
  const answer = (res: { status: number; body: unknown }) => ({ status: res.status, body: res.body });

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
        server().graph.url('/v23.0/me/messenger_profile', {}, { token: biz.pageToken }),
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
        { token: biz.pageToken, form: true },
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

    it("refuses a property Meta's way, and stores nothing of the request", async () => {
      const refusals: [Record<string, unknown>, ReturnType<typeof error>][] = [
        [
          { platform: 'messenger', home_url: { url: 'https://x.example' } },
          error(
            '(#100) Requires one of the params: get_started,persistent_menu,whitelisted_domains,account_linking_url,home_url,ice_breakers,platform,description,commands',
          ),
        ],
        [
          { get_started: { payload2: 'x' } },
          error('(#100) Invalid keys "payload2" were found in param "get_started".'),
        ],
        [{ get_started: { payload: '' } }, error('(#100) The parameter get_started[payload] is required')],
        [
          { get_started: { payload: 'p'.repeat(1001) } },
          error('(#100) Length of param get_started[payload] must be less than or equal to 1000'),
        ],
        [{ get_started: 'START' }, error('(#100) Param get_started must be a JSON object')],
        [
          { greeting: [{ locale: 'en_US', text: 'Hi' }] },
          error('(#100) Param greeting must include an element with "locale": "default"'),
        ],
        [
          { greeting: [{ locale: 'default', text: 'é'.repeat(161) }] },
          error('(#100) Length of param greeting[0][text] must be less than or equal to 160'),
        ],
        [
          { greeting: [{ locale: 'English', text: 'Hi' }] },
          error('(#100) Param greeting[0][locale] must be a supported locale - got "English"'),
        ],
        [
          { ice_breakers: [{ call_to_actions: [{ question: 'Q', payload: 'P' }] }] },
          error('(#100) The parameter ice_breakers[0][locale] is required'),
        ],
        [
          {
            ice_breakers: [
              {
                locale: 'default',
                call_to_actions: [1, 2, 3, 4, 5].map((n) => ({ question: `Q${n}`, payload: 'P' })),
              },
            ],
          },
          {
            status: 400,
            body: {
              error: expect.objectContaining({
                code: 194,
                message: '(#194) param ice_breakers[0][call_to_actions] has too many elements.',
              }),
            },
          },
        ],
        [
          {
            ice_breakers: [
              { locale: 'default', call_to_actions: [{ question: 'q'.repeat(81), payload: 'P' }] },
            ],
          },
          error(
            '(#100) Length of param ice_breakers[0][call_to_actions][0][question] must be less than or equal to 80',
          ),
        ],
        [
          { ice_breakers: [{ question: 'Old?', payload: 'OLD' }, ICE_BREAKERS[0]] },
          error('(#100) Invalid keys "call_to_actions, locale" were found in param "ice_breakers[1]".'),
        ],
        [
          { persistent_menu: MENU },
          error('(#100) You must set a Get Started button if you also wish to use persistent menu.', {
            error_subcode: 2018145,
          }),
        ],
        [
          {
            get_started: { payload: 'GS' },
            persistent_menu: [
              {
                locale: 'default',
                call_to_actions: [{ type: 'nested', title: 'More', call_to_actions: [] }],
              },
            ],
          },
          {
            status: 400,
            body: {
              error: {
                message: '(#11) Setting of Nested Persistent Menu has been deprecated for v8.0 and higher',
                type: 'OAuthException',
                code: 11,
                fbtrace_id: expect.any(String),
              },
            },
          },
        ],
        [
          {
            get_started: { payload: 'GS' },
            persistent_menu: [{ locale: 'default', composer_input_disabled: true }],
          },
          error('(#100) The parameter persistent_menu[0][call_to_actions] is required'),
        ],
        [
          {
            get_started: { payload: 'GS' },
            persistent_menu: [
              {
                locale: 'default',
                call_to_actions: [{ type: 'postback', title: 't'.repeat(31), payload: 'P' }],
              },
            ],
          },
          error(
            '(#100) Length of param persistent_menu[0][call_to_actions][0][title] must be less than or equal to 30',
          ),
        ],
        [
          {
            get_started: { payload: 'GS' },
            persistent_menu: [
              { locale: 'default', call_to_actions: [{ type: 'web_url', title: 'Shop', url: 'not a url' }] },
            ],
          },
          error('(#100) persistent_menu[0][call_to_actions][0][url] should represent a valid URL'),
        ],
        [
          {
            get_started: { payload: 'GS' },
            persistent_menu: [
              { locale: 'default', call_to_actions: [{ type: 'phone_number', title: 'Call' }] },
            ],
          },
          error(
            '(#100) Param persistent_menu[0][call_to_actions][0][type] must be one of {WEB_URL, POSTBACK} - got "phone_number"',
          ),
        ],
        [
          { whitelisted_domains: ['http://www.example.com'] },
          error('(#100) whitelisted_domains[0] should represent a valid URL'),
        ],
        [
          { whitelisted_domains: ['https://ok.example.com', 'https://localhost'] },
          error('(#100) whitelisted_domains[1] should represent a valid URL'),
        ],
        [
          { account_linking_url: 'http://www.example.com/authorize' },
          error('(#100) account_linking_url should represent a valid URL'),
        ],
        [
          { commands: [{ locale: 'default', commands: [{ name: '/flights', description: 'Flights' }] }] },
          error('(#100) Param commands[0][commands][0][name] must not begin with /'),
        ],
      ];
      for (const [body, expected] of refusals)
        expect(answer(await post(body)), JSON.stringify(body)).toEqual(expected);
      const tooMany = Array.from({ length: 51 }, (_, i) => `https://d${i}.example.com`);
      expect(answer(await post({ whitelisted_domains: tooMany }))).toMatchObject({
        body: { error: { code: 194, message: '(#194) param whitelisted_domains has too many elements.' } },
      });
      const items = Array.from({ length: 21 }, (_, i) => ({
        type: 'postback',
        title: `Item ${i}`,
        payload: 'P',
      }));
      expect(
        answer(
          await post({
            get_started: { payload: 'GS' },
            persistent_menu: [{ locale: 'default', call_to_actions: items }],
          }),
        ),
      ).toMatchObject({ body: { error: { code: 194 } } });

      expect(
        (await get('get_started,greeting,ice_breakers,persistent_menu,whitelisted_domains,commands')).body,
      ).toEqual({
        data: [],
      });
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
      const path = `/v23.0/${biz.page.id}/messenger_profile`;
      for (const token of [other.pageToken, biz.app.app_token]) {
        const res = await server().graph.post(path, { get_started: { payload: 'X' } }, { token });
        expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
        expect(res.body.error.message).toMatch(/^Unsupported post request\. Object with ID/);
      }
      const limited = (await server().sandbox.token(biz.app.id, biz.page.id, { scopes: ['pages_show_list'] }))
        .access_token as string;
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
        { token: biz.igToken },
      );
      expect(viaLogin.body).toEqual({ data: [{ ice_breakers: ICE_BREAKERS }] });
      // The Page's own Messenger profile is another one.
      expect((await get('ice_breakers')).body).toEqual({ data: [] });

      // Instagram Login's sample sets one unnamed set of questions: the default.
      const unnamed = [{ call_to_actions: [{ question: 'See packages', payload: 'PACKAGES' }] }];
      const path = `/v23.0/${biz.ig.id}/messenger_profile`;
      expect(
        (
          await server().graph.post(
            path,
            { platform: 'instagram', ice_breakers: unnamed },
            { token: biz.igToken },
          )
        ).body,
      ).toEqual({ result: 'success' });
      expect((await get('ice_breakers', biz.pageToken, { platform: 'instagram' })).body).toEqual({
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
      expect((await post({ persistent_menu: menu }, biz.igToken)).body).toEqual({ result: 'success' });
      expect((await get('persistent_menu,get_started', biz.igToken)).body).toEqual({
        data: [{ persistent_menu: menu }],
      });
      expect(answer(await post({ persistent_menu: MENU }, biz.igToken))).toMatchObject({
        body: {
          error: {
            code: 100,
            message:
              '(#100) Invalid keys "composer_input_disabled" were found in param "persistent_menu[0]".',
            type: 'IGApiException',
          },
        },
      });
      expect(answer(await post({ get_started: { payload: 'GS' }, greeting: [] }, biz.igToken))).toMatchObject(
        {
          body: { error: { message: '(#100) Requires one of the params: ice_breakers,persistent_menu' } },
        },
      );
      expect((await del(['persistent_menu', 'ice_breakers'], biz.igToken)).body).toEqual({
        result: 'success',
      });
      expect((await get('persistent_menu,ice_breakers', biz.igToken)).body).toEqual({ data: [] });
    });

    it('answers 2534013 for a Page without an Instagram account, and needs the Instagram permissions', async () => {
      const page = await server().sandbox.page();
      const token = (await server().sandbox.token(biz.app.id, page.id)).access_token as string;
      expect(answer(await post({ platform: 'instagram', ice_breakers: ICE_BREAKERS }, token))).toMatchObject({
        body: { error: { code: 100, error_subcode: 2534013 } },
      });
      const limited = (
        await server().sandbox.token(biz.app.id, biz.ig.id, { scopes: ['instagram_business_basic'] })
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
