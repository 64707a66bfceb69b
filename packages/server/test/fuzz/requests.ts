/**
 * Generators of hostile requests, one per route family: Graph reads, sends, webhook configuration, batches,
 * the sandbox and the media CDN. They mix the shapes real clients send with junk at every place: ids, paths,
 * versions, parameters, bodies and their content types.
 */
import fc from 'fast-check';
import type { RawRequest } from './raw-http.ts';

/** The ids and tokens a fuzz run may aim at. Writes use only the fuzz business, never the demo world's. */
export interface FuzzWorld {
  /** Tokens that may only read (the demo world's). */
  readonly readTokens: readonly string[];
  /** Tokens of the fuzz business: its Instagram account, its Page, its app. */
  readonly writeTokens: readonly string[];
  /** Ids worth aiming at: accounts, conversations, messages, apps, people. */
  readonly ids: readonly string[];
  /** Ids of the fuzz business only (safe to change). */
  readonly ownIds: readonly string[];
  /** A person's scoped id the fuzz business may message. */
  readonly recipient: string;
  readonly appId: string;
}

/** Where any URL in a generated body points: nowhere but loopback, so no request leaves the machine. */
const LOCAL_URLS = ['http://127.0.0.1:9/a.png', 'http://127.0.0.1:9/', 'ftp://127.0.0.1/x', 'not a url', ''];

/** Replaces anything URL-like at any depth with a loopback URL (or junk), and keeps the rest. */
function withLocalUrls<T>(value: T, pick = 0): T {
  if (typeof value === 'string') {
    return (
      /:\/\/|^\s*(?:https?|ftp|file|data)\b/i.test(value) ? LOCAL_URLS[pick % LOCAL_URLS.length] : value
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => withLocalUrls(v, pick + i)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v], i) => [k, withLocalUrls(v, pick + i)])) as T;
  }
  return value;
}

/** encodeURIComponent, which throws on a lone surrogate: that one is sent as the bytes a client might send. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '%00',
    '..',
    '../..',
    '-1',
    '0',
    '1.5',
    '1e20',
    '2147483648',
    '9223372036854775808',
    '9'.repeat(40),
    'null',
    'true',
    '[]',
    '{}',
    '{"a":',
    '😀'.repeat(300),
    'x'.repeat(5000),
  ),
);

const numberish = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

const version = fc.constantFrom('v23.0', 'v19.0', 'v26.0', 'v18.0', 'v27.0', 'v1', 'v23', 'x', '');

const fieldsValue = fc.oneof(
  fc.constantFrom(
    'id',
    'id,updated_time,message_count,unread_count,participants',
    'messages{id,message,from,to,created_time}',
    'messages.limit(3){id}',
    'messages.limit(-1)',
    'messages.limit(1e20){id}',
    'messages{{',
    'id,,',
    '{',
    'a.b(c)',
    'name,username,profile_pic,follower_count',
    'attachments,shares,reactions,story,reply_to',
    'instagram_business_account',
  ),
  junk,
);

const paramValue = fc.oneof(junk, numberish, fieldsValue);

/** Query or form parameters: the ones Graph reads, and others. */
const params = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'fields',
      'limit',
      'after',
      'before',
      'platform',
      'folder',
      'user_id',
      'suppress_http_code',
      'pretty',
      'summary',
      'appsecret_proof',
      'subscribed_fields',
      'object',
      'callback_url',
      'verify_token',
    ),
    fc.string({ maxLength: 12 }),
  ),
  paramValue,
  { maxKeys: 5 },
);

const contentType = (type: string): Record<string, string> => (type ? { 'content-type': type } : {});

function query(values: Record<string, string>, token: string | undefined): string {
  const search = new URLSearchParams(values);
  if (token !== undefined) search.set('access_token', token);
  const text = search.toString();
  return text ? `?${text}` : '';
}

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

const text = fc.oneof(junk, fc.constantFrom('hello', 'Thanks! 🙏', 'x'.repeat(1000), 'x'.repeat(2001)));

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

function segmentish() {
  return fc.oneof(fc.stringMatching(/^\d{1,20}$/), junk);
}

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

/** A body as JSON, as a form (objects JSON-encoded, as Graph SDKs send them), or as junk of any type. */
function encoded(body: Record<string, unknown>) {
  const form = () =>
    new URLSearchParams(
      Object.entries(body).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ]),
    ).toString();
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant({ type: 'application/json', body: JSON.stringify(body) }) },
    { weight: 2, arbitrary: fc.constant({ type: 'application/x-www-form-urlencoded', body: form() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'x/y', ''),
        body: junk,
      }),
    },
  );
}

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
  fc
    .record(
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
    )
    .map((body) => withLocalUrls(body))
    .chain((body) =>
      fc.tuple(
        encoded(body),
        fc.constantFrom(
          `${world.appId}/subscriptions`,
          'me/subscribed_apps',
          `${world.ownIds[0]}/subscribed_apps`,
        ),
        fc.constantFrom(...world.writeTokens),
        fc.constantFrom('POST', 'DELETE', 'GET'),
      ),
    )
    .map(([{ type, body }, path, token, method]) => ({
      method,
      target: `/v23.0/${path}?access_token=${encode(token)}`,
      headers: contentType(type),
      body: method === 'GET' ? undefined : body,
    }));

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
