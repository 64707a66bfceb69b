/**
 * Generated Messenger Profile API and welcome message flow requests: the shapes bots send (each property,
 * per-locale lists, menu items, flows) with junk in every place, in every encoding, with every method.
 */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';
import { junk, text, writeCalls, type FuzzWorld } from './values.ts';

const locale = fc.oneof(fc.constantFrom('default', 'en_US', 'fr_FR', 'English', ''), junk);
const menuItem = fc.record(
  {
    type: fc.oneof(fc.constantFrom('postback', 'web_url', 'nested', 'x'), junk),
    title: fc.oneof(text, junk),
    payload: fc.oneof(text, junk),
    url: fc.oneof(fc.constantFrom('https://shop.example.com/', 'http://x', 'not a url'), junk),
    webview_height_ratio: fc.oneof(fc.constantFrom('full', 'tall', 'x'), junk),
    call_to_actions: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const perLocale = <T>(inner: fc.Arbitrary<T>) =>
  fc.array(fc.record({ locale, call_to_actions: fc.oneof(fc.array(inner, { maxLength: 22 }), junk) }), {
    maxLength: 3,
  });
const question = fc.record(
  { question: fc.oneof(text, junk), payload: fc.oneof(text, junk) },
  { requiredKeys: [] },
);

const property = fc.record(
  {
    platform: fc.oneof(fc.constantFrom('instagram', 'messenger', 'x'), junk),
    get_started: fc.oneof(fc.record({ payload: fc.oneof(text, junk) }), fc.jsonValue()),
    greeting: fc.oneof(fc.array(fc.record({ locale, text: fc.oneof(text, junk) }), { maxLength: 3 }), junk),
    ice_breakers: fc.oneof(perLocale(question), fc.array(question, { maxLength: 5 }), fc.jsonValue()),
    persistent_menu: fc.oneof(perLocale(menuItem), fc.jsonValue()),
    whitelisted_domains: fc.oneof(fc.array(fc.oneof(text, fc.constant('https://a.example.com'))), junk),
    account_linking_url: fc.oneof(fc.constant('https://a.example.com/link'), junk),
    commands: fc.jsonValue(),
    fields: fc.oneof(fc.constantFrom('get_started,greeting', '["ice_breakers"]', '[]', 'x{', ''), junk),
    flow_id: fc.oneof(fc.constantFrom('"1"', '123'), junk),
    name: fc.oneof(text, junk),
    eligible_platforms: fc.oneof(fc.constantFrom('["messenger"]', '["instagram"]', 'messenger'), junk),
    welcome_message_flow: fc.oneof(fc.constant([{ message: { text: 'Hi' } }]), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

export const messengerProfiles = (world: FuzzWorld): fc.Arbitrary<RawRequest> =>
  writeCalls(property, world, [
    'me/messenger_profile',
    `${world.ownIds[0]}/messenger_profile`,
    'me/welcome_message_flows',
  ]);
