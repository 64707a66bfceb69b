/**
 * Generated Graph requests: reads, sends, webhook configuration and batches, mixing the shapes real clients
 * send with junk at every place: ids, paths, versions, parameters, bodies and their content types.
 */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';
import {
  contentType,
  encode,
  encoded,
  fieldsValue,
  junk,
  LOCAL_URLS,
  params,
  query,
  segmentish,
  text,
  version,
  withLocalUrls,
  writeCalls,
  type FuzzWorld,
} from './values.ts';

const segment = (world: FuzzWorld) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('me', ...world.ids) },
    { weight: 1, arbitrary: fc.stringMatching(/^\d{1,25}$/) },
    { weight: 1, arbitrary: junk },
  );

const edge = fc.constantFrom(
  '',
  'conversations',
  'messages',
  'subscribed_apps',
  'subscriptions',
  'message_attachments',
  'accounts',
  'permissions',
  'media',
  'comments',
  'attachments',
  'shares',
  'picture',
  'nonexisting',
);

/** A Graph path: version, node, edge, each a real one or junk, encoded as a client would. */
const graphPath = (world: FuzzWorld) =>
  fc
    .tuple(version, segment(world), edge, fc.boolean())
    .map(([v, node, e, versioned]) =>
      [versioned ? v : '', node, e]
        .filter((part, i) => part !== '' || i === 1)
        .map(encode)
        .join('/'),
    )
    .map((path) => `/${path}`);

/** Paths that exist, so that generated parameters reach the code behind them. */
const knownPaths = (world: FuzzWorld) =>
  fc.constantFrom(
    '/v23.0/me',
    '/v23.0/me/conversations',
    '/v23.0/me/subscribed_apps',
    '/v23.0/me/accounts',
    '/v23.0/me/permissions',
    '/v23.0/dialog/oauth',
    '/oauth/authorize',
    '/v23.0/oauth/access_token',
    '/oauth/access_token',
    '/access_token',
    '/refresh_access_token',
    '/debug_token',
    ...world.ids.map((id) => `/v23.0/${id}`),
    ...world.ids.map((id) => `/v23.0/${id}/messages`),
    ...world.ids.map((id) => `/v23.0/${id}/conversations`),
  );

const readParams = fc.oneof(
  fc.record(
    {
      platform: fc.constantFrom('instagram', 'messenger'),
      fields: fieldsValue,
      limit: fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), junk),
      after: junk,
      folder: fc.constantFrom('primary', 'general', 'requests', 'inbox', 'other', 'page_done', 'spam', 'x'),
      user_id: fc.oneof(fc.constantFrom('6200000000000001', '7100000000000005'), junk),
      client_id: fc.oneof(fc.constantFrom('918273645500001'), junk),
      client_secret: fc.oneof(fc.constantFrom('6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d'), junk),
      redirect_uri: fc.oneof(fc.constantFrom('http://127.0.0.1:9/cb'), junk),
      scope: fc.oneof(fc.constantFrom('pages_show_list', 'instagram_business_basic'), junk),
      code: junk,
      grant_type: fc.constantFrom(
        'authorization_code',
        'fb_exchange_token',
        'client_credentials',
        'ig_exchange_token',
        'ig_refresh_token',
        'x',
      ),
      input_token: fc.oneof(fc.constantFrom('EAAparleyDemoPageToken'), junk),
      fb_exchange_token: junk,
    },
    { requiredKeys: [] },
  ),
  params,
);

/** Reads: any token, the demo world's included (GET never changes anything, and `method=` is left out). */
export const graphReads = (world: FuzzWorld): fc.Arbitrary<RawRequest> =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: knownPaths(world) }, { weight: 1, arbitrary: graphPath(world) }),
      readParams.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'method'))),
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...world.readTokens, ...world.writeTokens) },
        {
          weight: 1,
          arbitrary: fc.option(fc.constantFrom('EAAgarbage', '', 'IGAA%00'), { nil: undefined }),
        },
      ),
      fc.constantFrom('GET', 'GET', 'GET', 'HEAD'),
    )
    .map(([path, values, token, method]) => ({ method, target: `${path}${query(values, token)}` }));

const button = fc.record(
  {
    type: fc.constantFrom('postback', 'web_url', 'phone_number', 'x'),
    title: text,
    payload: text,
    url: fc.constantFrom(...LOCAL_URLS),
  },
  { requiredKeys: [] },
);

const template = fc.record(
  {
    template_type: fc.constantFrom('generic', 'button', 'media', 'receipt', 'product', 'x', ''),
    text,
    elements: fc.array(
      fc.oneof(
        fc.record(
          {
            title: text,
            subtitle: text,
            image_url: fc.constantFrom(...LOCAL_URLS),
            buttons: fc.array(button),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      ),
      { maxLength: 12 },
    ),
    buttons: fc.array(button, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

const attachment = fc.record(
  {
    type: fc.constantFrom(
      'image',
      'video',
      'audio',
      'file',
      'template',
      'like_heart',
      'MEDIA_SHARE',
      'x',
      '',
    ),
    payload: fc.oneof(
      fc.record(
        { url: fc.constantFrom(...LOCAL_URLS), is_reusable: fc.boolean(), attachment_id: segmentish() },
        { requiredKeys: [] },
      ),
      template,
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);

const message = fc.oneof(
  { weight: 3, arbitrary: fc.record({ text }) },
  fc.record({ text }, { requiredKeys: [] }),
  fc.record({ attachment }),
  fc.record({ attachments: fc.array(attachment, { maxLength: 3 }) }),
  fc.record({
    text,
    quick_replies: fc.array(
      fc.record(
        {
          content_type: fc.constantFrom('text', 'user_email', 'user_phone_number', 'x'),
          title: text,
          payload: text,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 14 },
    ),
  }),
  fc.jsonValue(),
);

const recipient = (world: FuzzWorld) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant({ id: world.recipient }) },
    fc.record({ id: segmentish() }),
    fc.record({ comment_id: segmentish() }),
    fc.record({ post_id: segmentish() }),
    fc.record({ user_ref: segmentish() }),
    fc.jsonValue(),
  );

/** Sends and uploads, as the fuzz business, to its person and to junk. */
export const graphSends = (world: FuzzWorld): fc.Arbitrary<RawRequest> =>
  fc
    .oneof(
      // A send as clients make it, with junk in its values.
      {
        weight: 3,
        arbitrary: fc.record(
          { recipient: recipient(world), message, messaging_type: fc.constantFrom('RESPONSE', 'UPDATE') },
          { requiredKeys: ['recipient', 'message'] },
        ),
      },
      // Anything goes: actions, tags, replies, platforms, together or not.
      fc.record(
        {
          recipient: recipient(world),
          message,
          messaging_type: fc.constantFrom('RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'x'),
          tag: fc.constantFrom('HUMAN_AGENT', 'ACCOUNT_UPDATE', 'x'),
          sender_action: fc.constantFrom('typing_on', 'typing_off', 'mark_seen', 'react', 'unreact', 'x'),
          payload: fc.jsonValue(),
          reply_to: fc.record({ mid: segmentish() }),
          platform: fc.constantFrom('instagram', 'messenger', 'x'),
        },
        { requiredKeys: ['recipient'] },
      ),
    )
    .map((body) => withLocalUrls(body))
    .chain((body) =>
      fc.tuple(
        encoded(body),
        fc.constantFrom(
          'me/messages',
          'me/messages',
          'me/messages',
          'me/message_attachments',
          `${world.recipient}/messages`,
        ),
        fc.oneof({ weight: 4, arbitrary: fc.constant('v23.0') }, version),
        // Mostly the token of the account the recipient wrote to.
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(world.writeTokens[0]!) },
          fc.constantFrom(...world.writeTokens, 'EAAgarbage'),
        ),
        fc.oneof({ weight: 8, arbitrary: fc.constant('POST') }, fc.constantFrom('DELETE', 'PUT')),
      ),
    )
    .map(([{ type, body }, path, v, token, method]) => ({
      method,
      target: `/${v ? `${encode(v)}/` : ''}${path}?access_token=${encode(token)}`,
      headers: contentType(type),
      body,
    }));

/** Webhook configuration: the app's subscriptions and the accounts' installs, with junk callbacks. */
export const webhookConfiguration = (world: FuzzWorld): fc.Arbitrary<RawRequest> =>
  writeCalls(
    fc.record(
      {
        object: fc.constantFrom('instagram', 'page', 'user', 'x', ''),
        callback_url: fc.constantFrom(...LOCAL_URLS),
        verify_token: text,
        fields: fc.oneof(
          fc.constantFrom('messages', 'messages,messaging_postbacks', '["messages"]', 'x', ''),
          fc.jsonValue(),
        ),
        subscribed_fields: fc.oneof(fc.constantFrom('messages', 'messages,message_reactions', 'x'), junk),
        include_values: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    world,
    [`${world.appId}/subscriptions`, 'me/subscribed_apps', `${world.ownIds[0]}/subscribed_apps`],
  );

/** Batches of up to 60 items, some of them batches themselves, as the fuzz business. */
export const batches = (world: FuzzWorld): fc.Arbitrary<RawRequest> => {
  const item = fc.record(
    {
      method: fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'x'),
      relative_url: fc.oneof(
        graphPath(world).map((p) => p.slice(1)),
        fc.constantFrom('', '/', 'me', 'me/messages', '?batch=[]', 'v23.0/'),
        junk,
      ),
      body: fc.oneof(junk, fc.constant('recipient={"id":"1"}&message={"text":"hi"}')),
      name: junk,
      omit_response_on_success: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(
      fc.oneof(
        fc.array(item, { maxLength: 60 }).map((items) => JSON.stringify(items)),
        junk,
      ),
      fc.constantFrom(...world.writeTokens, 'EAAgarbage'),
      fc.boolean(),
    )
    .map(([batch, token, asJson]) => ({
      method: 'POST',
      target: `/v23.0/`,
      headers: { 'content-type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: asJson
        ? JSON.stringify({ batch, access_token: token })
        : new URLSearchParams({ batch, access_token: token }).toString(),
    }));
};
