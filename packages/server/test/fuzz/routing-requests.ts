/**
 * Generated thread control and Personas API requests: the shapes bots send (`recipient`, `target_app_id`,
 * `metadata`, a persona's `name` and picture, `persona_id` on a send) with junk in every place, in every
 * encoding, with every method.
 */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';
import { junk, text, writeCalls, type FuzzWorld } from './values.ts';

export const routingRequests = (world: FuzzWorld): fc.Arbitrary<RawRequest> => {
  const body = fc.record(
    {
      recipient: fc.oneof(
        fc.record({ id: fc.oneof(fc.constant(world.recipient), text, junk) }),
        fc.constant(world.recipient),
        fc.jsonValue(),
      ),
      target_app_id: fc.oneof(
        fc.constantFrom('263902037430900', '1217981644879628', world.appId, '0', ''),
        fc.integer(),
        junk,
      ),
      metadata: fc.oneof(text, junk),
      platform: fc.oneof(fc.constantFrom('instagram', 'messenger', 'x'), junk),
      name: fc.oneof(text, junk),
      profile_picture_url: fc.oneof(fc.constantFrom('https://a.example.com/p.png', 'not a url'), junk),
      persona_id: fc.oneof(fc.constantFrom('123', 'abc'), junk),
      message: fc.oneof(fc.record({ text }), junk),
      fields: fc.oneof(fc.constantFrom('id,name', 'x{'), junk),
    },
    { requiredKeys: [] },
  );
  return writeCalls(body, world, [
    'me/pass_thread_control',
    'me/take_thread_control',
    'me/request_thread_control',
    'me/release_thread_control',
    'me/thread_owner',
    'me/secondary_receivers',
    'me/personas',
    'me/messages',
  ]);
};
