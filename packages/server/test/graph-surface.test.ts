/** The Graph surface itself: versions, `me`, token transport, families, field selection, the error envelope. */
import { createHmac } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;

describeEachStore('Graph surface', (kind) => {
  const server = useTestServer(kind);
  let biz: Awaited<ReturnType<typeof createBusiness>>;
  let conversationId: string;

  beforeAll(async () => {
    const { sandbox } = server();
    biz = await createBusiness(sandbox);
    const user = await sandbox.user({ name: 'Ana Souza' });
    conversationId = (await sandbox.send(user.id, biz.ig.id, 'Olá! Preço do café? ☕ 😀')).conversation_id;
  });

  it('answers health', async () => {
    const res = await server().graph.get('/_parley/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('serves every version from v19.0 to v26.0, and unversioned paths', async () => {
    for (const v of ['v19.0', 'v20.0', 'v21.0', 'v22.0', 'v23.0', 'v24.0', 'v25.0', 'v26.0']) {
      const res = await server().graph.get(`/${v}/me`, {}, { token: biz.igToken });
      expect(res.status).toBe(200);
      expect(res.headers.get('facebook-api-version')).toBe(v);
    }
    const bare = await server().graph.get('/me/conversations', {}, { token: biz.igToken });
    expect(bare.status).toBe(200);
    expect(bare.body.data).toHaveLength(1);
  });

  it('takes the token from the query, a form body, a JSON body or a Bearer header', async () => {
    const { graph } = server();
    expect((await graph.get('/v23.0/me', {}, { token: biz.igToken })).status).toBe(200);
    expect((await graph.get('/v23.0/me', {}, { token: biz.igToken, bearer: true })).status).toBe(200);
    // A POST carrying `method=get` is read as a GET, with the token in its body.
    const form = await graph.post(
      '/v23.0/me',
      { method: 'get', fields: 'username' },
      { token: biz.igToken, form: true },
    );
    expect(form.status).toBe(200);
    expect(form.body.username).toBe(biz.ig.username);
    const json = await graph.post('/v23.0/me', { method: 'get', fields: 'username' }, { token: biz.igToken });
    expect(json.body.username).toBe(biz.ig.username);
  });

  it('lets a GET carry method=post and method=delete, as the JS SDK does', async () => {
    const res = await server().graph.get('/v23.0/me', { method: 'post' }, { token: biz.igToken });
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(res.body.error.message).toMatch(/^Unsupported post request/);
  });

  it('checks appsecret_proof when one is sent', async () => {
    const proof = createHmac('sha256', biz.app.secret).update(biz.pageToken).digest('hex');
    const ok = await server().graph.get('/v23.0/me', { appsecret_proof: proof }, { token: biz.pageToken });
    expect(ok.status).toBe(200);
    const bad = await server().graph.get(
      '/v23.0/me',
      { appsecret_proof: 'ab'.repeat(32) },
      { token: biz.pageToken },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      message: 'Invalid appsecret_proof provided in the API argument',
      type: 'GraphMethodException',
      code: 100,
    });
  });

  it('picks the family from the token, or from a Host header naming one of Meta hosts', async () => {
    const { graph } = server();
    const ig = await graph.get('/v23.0/me', { fields: 'nope' }, { token: biz.igToken });
    expect(ig.body.error.type).toBe('IGApiException');
    const fb = await graph.get('/v23.0/me', { fields: 'nope' }, { token: biz.pageToken });
    expect(fb.body.error.type).toBe('OAuthException');
    expect(fb.body.error.message).toBe('(#100) Tried accessing nonexisting field (nope) on node type (Page)');

    const igHost = await graph.get('/v23.0/me', {}, { token: biz.igToken, host: 'graph.instagram.com' });
    expect(igHost.status).toBe(200);
    // Each token only parses on its own host.
    const igOnFacebook = await graph.get('/v23.0/me', {}, { token: biz.igToken, host: 'graph.facebook.com' });
    expect(igOnFacebook.body.error).toMatchObject({
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    const pageOnInstagram = await graph.get(
      '/v23.0/me',
      {},
      { token: biz.pageToken, host: 'graph.instagram.com' },
    );
    expect(pageOnInstagram.body.error.code).toBe(190);
  });

  it('selects fields as Graph does: nested edges with limits, sub-selections, aliases, id always', async () => {
    const { graph } = server();
    const res = await graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'messages.limit(1){message,from{id}},participants{username}.as(people),updated_time' },
      { token: biz.igToken },
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['messages', 'people', 'updated_time', 'id']);
    expect(res.body.id).toBe(conversationId);
    expect(res.body.updated_time).toMatch(GRAPH_TIME);
    const [message] = res.body.messages.data;
    expect(message).toEqual({
      message: 'Olá! Preço do café? ☕ 😀',
      from: { id: expect.any(String) },
      id: expect.any(String),
    });
    expect(res.body.people.data).toEqual([
      { username: expect.any(String), id: expect.any(String) },
      { username: biz.ig.username, id: biz.ig.id },
    ]);
  });

  it("reads a Page's Instagram account through the fields its own node has", async () => {
    const { graph } = server();
    const fields = 'instagram_business_account{id,username,name,profile_picture_url}';
    const res = await graph.get(`/v23.0/${biz.page.id}`, { fields }, { token: biz.pageToken });
    expect(res.status, res.text).toBe(200);
    const own = await graph.get(
      `/v23.0/${biz.ig.id}`,
      { fields: 'id,username,name,profile_picture_url' },
      { token: biz.pageToken },
    );
    expect(own.body.username).toBe(biz.ig.username);
    expect(res.body).toEqual({ instagram_business_account: own.body, id: biz.page.id });
    const bare = await graph.get(
      '/v23.0/me',
      { fields: 'instagram_business_account' },
      { token: biz.pageToken },
    );
    expect(bare.body.instagram_business_account).toEqual({ id: biz.ig.id });
    const picked = await graph.get(
      '/v23.0/me',
      { fields: 'instagram_business_account{username}' },
      { token: biz.pageToken },
    );
    expect(picked.body.instagram_business_account).toEqual({ username: biz.ig.username, id: biz.ig.id });
    // Fields the Instagram account does not have with a Page token are refused as on the account itself.
    for (const field of ['bogus', 'user_id', 'conversations']) {
      const bad = await graph.get(
        '/v23.0/me',
        { fields: `instagram_business_account{${field}}` },
        { token: biz.pageToken },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        `(#100) Tried accessing nonexisting field (${field}) on node type (IGUser)`,
      );
    }
  });

  it('keeps the id of nested participants, and refuses fields their platform does not have', async () => {
    const { graph, sandbox } = server();
    const token = { token: biz.pageToken };
    const ig = await graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'participants{username},messages{from{username},to{id}}' },
      token,
    );
    expect(ig.status, ig.text).toBe(200);
    expect(ig.body.participants.data[1]).toEqual({ username: biz.ig.username, id: biz.ig.id });
    const [message] = ig.body.messages.data;
    expect(message.from).toEqual({ username: expect.any(String), id: ig.body.participants.data[0].id });
    expect(message.to).toEqual({ data: [{ id: biz.ig.id }] });
    const noName = await graph.get(`/v23.0/${message.id}`, { fields: 'from{name}' }, token);
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (name) on node type (User)',
    });

    const user = await sandbox.user({ name: 'Rui Costa' });
    const fb = (await sandbox.send(user.id, biz.page.id, 'Oi')).conversation_id;
    const messenger = await graph.get(
      `/v23.0/${fb}`,
      { fields: 'participants{name},messages{from{name}}' },
      token,
    );
    expect(messenger.status, messenger.text).toBe(200);
    expect(messenger.body.participants.data[0]).toEqual({ name: 'Rui Costa', id: expect.any(String) });
    expect(messenger.body.messages.data[0].from).toEqual(messenger.body.participants.data[0]);
    const noUsername = await graph.get(`/v23.0/${fb}`, { fields: 'participants{username}' }, token);
    expect(noUsername.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (username) on node type (User)',
    );
  });

  it('writes list items of ids and times as it writes any other: requested order, id always, once', async () => {
    const { graph } = server();
    const token = { token: biz.igToken };
    const keysOf = async (path: string, fields?: string) => {
      const res = await graph.get(path, fields === undefined ? {} : { fields }, token);
      expect(res.status).toBe(200);
      // The bytes are what JSON.stringify would write of the parsed answer, but for Meta's \/ escapes.
      expect(res.text).toBe(JSON.stringify(res.body).replaceAll('/', '\\/'));
      const items = (res.body.data ?? res.body.messages.data) as Record<string, string>[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.id).toEqual(expect.any(String));
        for (const key of ['created_time', 'updated_time'])
          if (key in item) expect(item[key]).toMatch(GRAPH_TIME);
      }
      return Object.keys(items[0]!);
    };
    const messages = `/v23.0/${conversationId}/messages`;
    expect(await keysOf(messages)).toEqual(['id', 'created_time']);
    expect(await keysOf(messages, 'created_time')).toEqual(['created_time', 'id']);
    expect(await keysOf(messages, 'created_time,id,created_time')).toEqual(['created_time', 'id']);
    expect(await keysOf(messages, 'id.as(mid),created_time')).toEqual(['mid', 'created_time', 'id']);
    expect(await keysOf(`/v23.0/${conversationId}`, 'messages{created_time}')).toEqual([
      'created_time',
      'id',
    ]);
    expect(await keysOf('/v23.0/me/conversations', 'updated_time')).toEqual(['updated_time', 'id']);
    expect(await keysOf('/v23.0/me/conversations')).toEqual(['id', 'updated_time']);
  });

  it('writes JSON the way Meta does: \\/ and lowercase \\u escapes', async () => {
    const res = await server().graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'messages{message}' },
      { token: biz.igToken },
    );
    expect(res.text).toContain('Ol\\u00e1! Pre\\u00e7o do caf\\u00e9? \\u2615 \\ud83d\\ude00');
    const link = await server().graph.get(
      `/v23.0/${conversationId}`,
      { fields: 'link' },
      { token: biz.igToken },
    );
    expect(link.text).toContain('"link":"https:\\/\\/www.instagram.com\\/direct\\/t\\/');
  });

  it("refuses unknown fields with Meta's message, naming the node type", async () => {
    const { graph } = server();
    const cases: [string, string, string][] = [
      [
        `/v23.0/${conversationId}`,
        'id,bogus',
        '(#100) Tried accessing nonexisting field (bogus) on node type (UnifiedThread)',
      ],
      [
        `/v23.0/${conversationId}`,
        'messages{bogus}',
        '(#100) Tried accessing nonexisting field (bogus) on node type (Message)',
      ],
      [
        `/v23.0/${conversationId}`,
        'participants{bogus}',
        '(#100) Tried accessing nonexisting field (bogus) on node type (User)',
      ],
      [
        '/v23.0/me',
        'conversations{bogus}',
        '(#100) Tried accessing nonexisting field (bogus) on node type (UnifiedThread)',
      ],
    ];
    for (const [path, fields, message] of cases) {
      const res = await graph.get(path, { fields }, { token: biz.igToken });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ message, code: 100, type: 'IGApiException' });
    }
  });

  it('answers malformed field lists with 2500', async () => {
    const res = await server().graph.get(
      '/v23.0/me',
      { fields: 'id,messages{message' },
      { token: biz.pageToken },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 2500, type: 'OAuthException' });
    expect(res.body.error.message).toMatch(/^Syntax error ".*" at character \d+: id,messages\{message$/);
  });

  it("answers unknown objects and paths with Meta's 100/33 and 2500", async () => {
    const { graph } = server();
    const missing = await graph.get('/v23.0/12345', {}, { token: biz.pageToken });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      message:
        "Unsupported get request. Object with ID '12345' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
    expect(missing.body.error.fbtrace_id).toMatch(/^[A-Za-z0-9]{10,}$/);
    expect(missing.headers.get('x-fb-trace-id')).toBe(missing.body.error.fbtrace_id);
    expect(missing.headers.get('www-authenticate')).toMatch(
      /^OAuth "Facebook Platform" "invalid_request" "Unsupported get request/,
    );

    const deep = await graph.get('/v23.0/me/conversations/x/y', {}, { token: biz.pageToken });
    expect(deep.body.error).toMatchObject({ code: 2500, message: 'Unknown path components: /x/y' });
    const edge = await graph.get('/v23.0/me/bogus', {}, { token: biz.pageToken });
    expect(edge.body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (bogus) on node type (Page)',
    });
    const put = await call(graph.url('/v23.0/me', {}, { token: biz.pageToken }), { method: 'PUT' });
    expect(put.status).toBe(400);
    expect(put.body.error.message).toMatch(/^Unsupported put request/);
  });

  it('answers with HTTP 200 when suppress_http_code=1', async () => {
    const res = await server().graph.get('/v23.0/12345', { suppress_http_code: 1 }, { token: biz.pageToken });
    expect(res.status).toBe(200);
    expect(res.body.error.code).toBe(100);
  });

  it('answers missing and unknown tokens as Meta does', async () => {
    const { graph } = server();
    const none = await graph.get('/v23.0/me/conversations');
    expect(none.body.error).toMatchObject({
      code: 2500,
      message: 'An active access token must be used to query information about the current user.',
    });
    const noneForId = await graph.get(`/v23.0/${conversationId}`);
    expect(noneForId.body.error).toMatchObject({
      code: 104,
      message: 'An access token is required to request this resource.',
    });
    const unknown = await graph.get('/v23.0/me', {}, { token: 'EAAnotAToken' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    expect(unknown.headers.get('www-authenticate')).toContain('"invalid_token"');
  });

  it('never answers malformed input with a 5xx or a stack trace', async () => {
    const { graph } = server();
    const token = biz.igToken;
    const json = { 'content-type': 'application/json' };
    const requests: [string, Parameters<typeof call>[1]?][] = [
      [graph.url('/v23.0/%E0%A4%A', {}, { token })],
      [graph.url('/v23.0/me', { fields: '{{{{' }, { token })],
      [graph.url('/v23.0/me', { fields: 'a'.repeat(20_000) }, { token })],
      [graph.url('/v23.0/me', { fields: 'a'.repeat(100_000) }, { token })],
      [graph.url('/v23.0/me/conversations', { limit: '-1' }, { token })],
      [graph.url('/v23.0/me/conversations', { limit: 'abc' }, { token })],
      [graph.url('/v23.0/me/conversations', { limit: '1e400' }, { token })],
      [graph.url('/v23.0/me/conversations', { limit: '0x10' }, { token })],
      [graph.url('/v23.0/me/conversations', { fields: 'a{'.repeat(16_000) }, { token })],
      [graph.url('/v23.0/me/conversations', { after: '%%%' }, { token })],
      [graph.url('/v23.0/me/conversations', { before: 'QVFI' + 'x'.repeat(500) }, { token })],
      [graph.url('/v23.0/me/conversations', { platform: 'myspace' }, { token })],
      [graph.url(`/v23.0/${'9'.repeat(5000)}`, {}, { token })],
      [graph.url('/v23.0/aWdfZAG1faXRlbTo', {}, { token })],
      [graph.url('/v23.0/t_', {}, { token })],
      [graph.url('/v23.0/m_%00', {}, { token })],
      [graph.url('/v23.0/%00', {}, { token })],
      [graph.url('/v23.0/me', {}, { token: 'x'.repeat(10_000) })],
      [graph.url('/v23.0/me', {}, { token: 'EAA\u0000' })],
      [graph.url('/v23.0/me', {}, { token: 'a|b|c' })],
      [graph.url('/v23.0/me', { access_token: '1|\u0000' })],
      [graph.url('/v23.0/me'), { method: 'POST', headers: json, body: '{"access_token": ' }],
      [graph.url('/v23.0/me'), { method: 'POST', headers: json, body: '[1,2,3]' }],
      [
        graph.url('/v23.0/me'),
        {
          method: 'POST',
          headers: json,
          body: `{"access_token": ${JSON.stringify(token)}, "fields": {"a": 1}}`,
        },
      ],
      [
        graph.url('/v23.0/me'),
        {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          body: '--x\r\nbroken',
        },
      ],
      [graph.url('/v23.0/me'), { headers: { authorization: 'Bearer' } }],
    ];
    for (const [url, init] of requests) {
      const res = await call(url, init);
      expect(res.status, `${url.slice(0, 200)} ${init?.body ?? ''}`).toBeLessThan(500);
      expect(typeof res.body.error?.code, res.text).toBe('number');
      expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    }
    // A user_id that names nobody is simply an empty list.
    const injection = await graph.get('/v23.0/me/conversations', { user_id: "1' OR '1'='1" }, { token });
    expect(injection.body).toEqual({ data: [] });
  });
});
