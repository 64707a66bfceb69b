/** Generated requests to the sandbox and the media CDN. */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';
import {
  contentType,
  encode,
  junk,
  numberish,
  paramValue,
  query,
  segmentish,
  withLocalUrls,
  type FuzzWorld,
} from './values.ts';

/**
 * The sandbox: every route, with the fuzz business's ids or junk, and JSON (or junk) bodies. Left out: what
 * changes the whole world (reset, the clock, rate limits), which other suites cover.
 */
export const sandboxRequests = (world: FuzzWorld): fc.Arbitrary<RawRequest> => {
  const id = fc.oneof(fc.constantFrom(...world.ownIds), segmentish());
  const route = fc.oneof(
    fc
      .tuple(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), id)
      .map(([m, i]) => [m, `/accounts/${encode(i)}`] as const),
    fc
      .tuple(fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST'), id)
      .map(([m, i]) => [m, `/messages/${encode(i)}`] as const),
    fc
      .tuple(fc.constantFrom('GET', 'PATCH'), id)
      .map(([m, i]) => [m, `/conversations/${encode(i)}`] as const),
    fc
      .tuple(fc.constantFrom('GET', 'POST'), id, fc.constantFrom('conversation-routing', 'thread-control'))
      .map(
        ([m, i, what]) =>
          [m, `/${what === 'thread-control' ? 'conversations' : 'accounts'}/${encode(i)}/${what}`] as const,
      ),
    fc
      .tuple(
        id,
        fc.constantFrom(
          'messages',
          'postbacks',
          'reactions',
          'optins',
          'referrals',
          'seen',
          'comments',
          'blocks',
          'get-started',
          'ice-breakers',
          'menu',
        ),
      )
      .map(([i, act]) => ['POST', `/users/${encode(i)}/${act}`] as const),
    fc.constantFrom(
      ['POST', '/apps'],
      ['POST', '/accounts'],
      ['POST', '/users'],
      ['POST', '/tokens'],
      ['POST', '/follows'],
      ['DELETE', '/follows'],
      ['POST', '/faults'],
      ['GET', '/faults'],
      ['POST', '/seed'],
      ['GET', '/webhooks/deliveries'],
      ['GET', '/webhooks/subscriptions'],
      ['GET', '/clock'],
      ['GET', '/limits'],
      ['GET', `/accounts/${world.ownIds[0]}/messenger-profile`],
      ['GET', '/nonexisting'],
    ),
    id.map((i) => ['GET', `/webhooks/deliveries/${encode(i)}`] as const),
    id.map((i) => ['POST', `/webhooks/deliveries/${encode(i)}/replay`] as const),
    id.map((i) => ['GET', `/media/${encode(i)}`] as const),
  );
  const body = fc.oneof(
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          'to',
          'text',
          'name',
          'username',
          'type',
          'account_id',
          'app_id',
          'user_id',
          'id',
          'followers_count',
          'folder',
          'scopes',
          'expires_in',
          'reaction',
          'mid',
          'payload',
          'title',
          'users',
          'apps',
          'accounts',
          'conversations',
          'allow_messages_access',
          'primary_receiver',
          'secondary_receivers',
          'action',
          'target_app_id',
          'metadata',
          'conversation_routing',
        ),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(fc.jsonValue(), fc.constantFrom(...world.ownIds), numberish.map(Number)),
      { maxKeys: 6 },
    ),
    fc.jsonValue(),
  );
  return fc
    .tuple(
      route,
      body.map((b) => withLocalUrls(b)),
      fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', ''),
      fc.dictionary(
        fc.constantFrom('limit', 'before', 'after', 'app_id', 'account_id', 'status'),
        paramValue,
        {
          maxKeys: 3,
        },
      ),
    )
    .map(([[method, path], b, type, values]) => ({
      method,
      target: `/_parley${path}${query(values, undefined)}`,
      headers: contentType(type),
      body: method === 'GET' ? undefined : JSON.stringify(b),
    }));
};

/** The media CDN: junk ids, signatures and expiries. */
export const cdnRequests = (world: FuzzWorld): fc.Arbitrary<RawRequest> =>
  fc.tuple(fc.oneof(fc.constantFrom(...world.ownIds), segmentish()), junk, junk).map(([id, oh, oe]) => ({
    method: 'GET',
    target: `/cdn/${encode(id)}?oh=${encode(oh)}&oe=${encode(oe)}`,
  }));
