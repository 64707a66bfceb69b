/** The Send API: what a business can send, in every encoding Graph accepts, and Meta's answers to mistakes. */
import { beforeAll, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import { personWritingTo, type Business } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Send API', (kind) => {
  const server = useTestServer(kind);
  let biz: Business;
  let ig: Awaited<ReturnType<typeof personWritingTo>>;
  let fb: Awaited<ReturnType<typeof personWritingTo>>;

  beforeAll(async () => {
    const { sandbox } = server();
    biz = await createBusiness(sandbox);
    ig = await personWritingTo(sandbox, biz.ig.id);
    fb = await personWritingTo(sandbox, biz.page.id);
  });

  const send = (body: Record<string, unknown>, token = biz.igToken, path = '/v23.0/me/messages') =>
    server().graph.post(path, body, { token, bearer: true });

  it('sends text on Instagram Login and answers {recipient_id, message_id}', async () => {
    const res = await send(
      { recipient: { id: ig.scopedId }, message: { text: 'Hello! 👋 https://parley.dev/menu' } },
      biz.igToken,
      `/v23.0/${biz.ig.id}/messages`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recipient_id: ig.scopedId, message_id: expect.stringMatching(/^aWdf/) });
    const detail = await server().graph.get(
      `/v23.0/${res.body.message_id}`,
      { fields: 'from,to,message' },
      { token: biz.igToken },
    );
    expect(detail.body).toMatchObject({
      from: { username: biz.ig.username, id: biz.ig.id },
      to: { data: [{ id: ig.scopedId }] },
      message: 'Hello! 👋 https://parley.dev/menu',
    });
    const list = await server().graph.get(
      `/v23.0/${ig.conversationId}/messages`,
      { limit: 1 },
      { token: biz.igToken },
    );
    expect(list.body.data[0].id).toBe(res.body.message_id);
  });

  it('sends on Messenger with a Page token, and to Instagram through the linked Page', async () => {
    const messenger = await send(
      { recipient: { id: fb.scopedId }, messaging_type: 'RESPONSE', message: { text: 'Hi from the Page' } },
      biz.pageToken,
    );
    expect(messenger.body).toEqual({ recipient_id: fb.scopedId, message_id: expect.stringMatching(/^m_/) });
    const viaPage = await send(
      { recipient: { id: ig.scopedId }, message: { text: 'Hi via Messenger API for Instagram' } },
      biz.pageToken,
      `/v23.0/${biz.page.id}/messages`,
    );
    expect(viaPage.body.message_id).toMatch(/^aWdf/);
  });

  it('reads parameters as JSON strings, single-quoted pseudo-JSON, brackets, or in the query', async () => {
    const { graph } = server();
    const url = graph.url('/v23.0/me/messages');
    const form = (pairs: Record<string, string>) =>
      call(url, { method: 'POST', body: new URLSearchParams({ access_token: biz.igToken, ...pairs }) });
    expect(
      (
        await form({
          recipient: JSON.stringify({ id: ig.scopedId }),
          message: JSON.stringify({ text: 'json strings' }),
        })
      ).status,
    ).toBe(200);
    expect(
      (await form({ recipient: `{'id':'${ig.scopedId}'}`, message: "{'text':'single quotes'}" })).status,
    ).toBe(200);
    expect((await form({ 'recipient[id]': ig.scopedId, 'message[text]': 'brackets' })).status).toBe(200);
    const query = await call(
      graph.url(
        '/v23.0/me/messages',
        { recipient: JSON.stringify({ id: ig.scopedId }), message: JSON.stringify({ text: 'query' }) },
        { token: biz.igToken },
      ),
      { method: 'POST' },
    );
    expect(query.status).toBe(200);
    const malformed = await form({ recipient: '{id:', message: '{}' });
    expect(malformed.body.error).toMatchObject({
      code: 100,
      message: '(#100) Param recipient must be a JSON object',
    });
  });

  it('moves the Instagram conversation to General and marks the person’s messages read', async () => {
    const { sandbox } = server();
    const fresh = await personWritingTo(sandbox, biz.ig.id);
    expect((await sandbox.do('GET', `/conversations/${fresh.conversationId}`)).folder).toBe('requests');
    await send({ recipient: { id: fresh.scopedId }, message: { text: 'Welcome!' } });
    expect(await sandbox.do('GET', `/conversations/${fresh.conversationId}`)).toMatchObject({
      folder: 'general',
      unread_count: 0,
      message_count: 2,
    });
  });

  it('limits text as Meta does: 1,000 bytes on Instagram, 2,000 characters on Messenger', async () => {
    expect((await send({ recipient: { id: ig.scopedId }, message: { text: 'a'.repeat(1000) } })).status).toBe(
      200,
    );
    const long = await send({ recipient: { id: ig.scopedId }, message: { text: '가'.repeat(334) } });
    expect(long.body.error).toMatchObject({
      code: 100,
      message: '(#100) Length of param message[text] must be less than or equal to 1000',
    });
    expect(
      (await send({ recipient: { id: fb.scopedId }, message: { text: '가'.repeat(2000) } }, biz.pageToken))
        .status,
    ).toBe(200);
    const longer = await send(
      { recipient: { id: fb.scopedId }, message: { text: 'a'.repeat(2001) } },
      biz.pageToken,
    );
    expect(longer.body.error.message).toBe(
      '(#100) Length of param message[text] must be less than or equal to 2000',
    );
  });

  it('answers malformed sends with Meta’s codes and subcodes', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ message: { text: 'x' } }, { code: 100, message: '(#100) The parameter recipient is required' }],
      [
        { recipient: { id: ig.scopedId } },
        { code: 100, error_subcode: 2018015, message: '(#100) Must send either message or state' },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x' }, sender_action: 'typing_on' },
        { code: 100, error_subcode: 2018014 },
      ],
      [
        { recipient: { id: ig.scopedId }, message: {} },
        {
          code: 100,
          error_subcode: 2018034,
          message: '(#100) Message cannot be empty, must provide valid attachment or text',
        },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { attachment: { payload: { url: 'https://x' } } } },
        { code: 100, message: '(#100) The parameter message[attachment][type] is required' },
      ],
      [{ recipient: { id: ig.scopedId }, message: { attachment: { type: 'hologram' } } }, { code: 100 }],
      [
        {
          recipient: { id: ig.scopedId },
          message: { attachment: { type: 'template', payload: { template_type: 'receipt_v9' } } },
        },
        { code: 100, message: '(#100) Invalid template type' },
      ],
      [
        { recipient: { id: '123' }, message: { text: 'x' } },
        { code: 100, error_subcode: 2534014, message: '(#100) No matching Instagram user' },
      ],
      [{ recipient: { id: ig.scopedId }, message: { text: 'x', metadata: 'm'.repeat(1001) } }, { code: 100 }],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x' }, messaging_type: 'SOMETIMES' },
        {
          code: 100,
          message:
            '(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG} - got "SOMETIMES"',
        },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x' }, messaging_type: 'MESSAGE_TAG' },
        { code: 100, message: '(#100) The parameter tag is required' },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x' }, tag: 'ACCOUNT_UPDATE' },
        { code: 100, message: '(#100) Param tag must be one of {HUMAN_AGENT} - got "ACCOUNT_UPDATE"' },
      ],
      [
        { recipient: { id: ig.scopedId }, sender_action: 'typing_on', messaging_type: 'SOMETIMES' },
        { code: 100, message: expect.stringContaining('Param messaging_type must be one of') },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x' }, notification_type: 'LOUD' },
        {
          code: 100,
          message:
            '(#100) Param notification_type must be one of {REGULAR, SILENT_PUSH, NO_PUSH} - got "LOUD"',
        },
      ],
      [
        { recipient: { id: ig.scopedId }, message: { text: 'x', metadata: { a: 1 } } },
        { code: 100, message: '(#100) Param message[metadata] must be a string' },
      ],
    ];
    for (const [body, error] of cases) {
      const res = await send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ type: 'IGApiException', ...error });
    }
    // A body that cannot be read answers in the family of the token it came with, and at its version.
    for (const [path, headers] of [
      ['/v23.0/me/messages', { authorization: `Bearer ${biz.igToken}` }],
      [`/v23.0/me/messages?access_token=${biz.igToken}`, {}],
    ] as const) {
      const unreadable = await call(server().graph.url(path), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"recipient":',
      });
      expect(unreadable.body.error).toMatchObject({ code: 100, type: 'IGApiException' });
      expect(unreadable.headers.get('facebook-api-version')).toBe('v23.0');
    }
    const messenger = await send({ recipient: { id: '123' }, message: { text: 'x' } }, biz.pageToken);
    expect(messenger.body.error).toMatchObject({
      code: 100,
      error_subcode: 2018001,
      type: 'OAuthException',
      message: '(#100) No matching user found',
    });
    const other = await createBusiness(server().sandbox);
    const foreign = await send({ recipient: { id: ig.scopedId }, message: { text: 'x' } }, other.igToken);
    expect(foreign.body.error.error_subcode).toBe(2534014);
    const onConversation = await send(
      { recipient: { id: ig.scopedId }, message: { text: 'x' } },
      biz.igToken,
      `/v23.0/${ig.conversationId}/messages`,
    );
    expect(onConversation.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(onConversation.body.error.message).toMatch(/^Unsupported post request\. Object with ID 'aWdf/);
  });

  it('validates quick replies: 1 to 13, text ones with a title and a payload', async () => {
    const qr = (quick_replies: unknown) =>
      send({ recipient: { id: ig.scopedId }, message: { text: 'Pick one', quick_replies } });
    const thirteen = Array.from({ length: 13 }, (_, i) => ({
      content_type: 'text',
      title: `Option ${i} with a long title`,
      payload: `P${i}`,
    }));
    expect((await qr([...thirteen.slice(0, 12), { content_type: 'user_email' }])).status).toBe(200);
    expect((await qr([...thirteen, thirteen[0]])).body.error).toMatchObject({
      code: 194,
      message: '(#194) param message[quick_replies] has too many elements.',
    });
    expect((await qr([])).body.error).toMatchObject({
      code: 194,
      message: '(#194) param message[quick_replies] has too few elements.',
    });
    expect((await qr([{ content_type: 'text', payload: 'P' }])).body.error).toMatchObject({
      code: 100,
      error_subcode: 2018098,
    });
    expect((await qr([{ content_type: 'text', title: 'T' }])).body.error).toMatchObject({
      code: 100,
      error_subcode: 2018099,
    });
  });

  it('answers a missing messaging permission as Meta does', async () => {
    const { sandbox } = server();
    const token = (await sandbox.token(biz.app.id, biz.page.id, { scopes: ['pages_show_list'] }))
      .access_token;
    const res = await send({ recipient: { id: fb.scopedId }, message: { text: 'x' } }, token);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      code: 200,
      message: '(#200) Requires pages_messaging permission to manage the object',
    });
  });
});
