/**
 * The Messenger Profile API's refusals, each in Meta's envelope (Meta's own text where it was seen), and nothing
 * of a refused request stored.
 */
import { expect, it } from 'vitest';
import {
  answer,
  graphError as error,
  ICE_BREAKERS,
  MENU,
  useProfileApi,
} from './support/messenger-profile.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Messenger profile refusals', (kind) => {
  const server = useTestServer(kind);
  const { post, get } = useProfileApi(server);

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
});
