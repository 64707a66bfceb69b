/** Batch requests: up to 50 calls in one, run in order, with results feeding later calls. */
import { beforeAll, expect, it } from 'vitest';
import { call, createBusiness } from './support/clients.ts';
import { personWritingTo, type Business } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Batch requests', (kind) => {
  const server = useTestServer(kind);
  let biz: Business;
  let ig: Awaited<ReturnType<typeof personWritingTo>>;

  beforeAll(async () => {
    biz = await createBusiness(server().sandbox);
    ig = await personWritingTo(server().sandbox, biz.ig.id);
  });

  const batch = (requests: unknown, extra: Record<string, string> = {}) =>
    call(server().graph.url('/v23.0/'), {
      method: 'POST',
      body: new URLSearchParams({ access_token: biz.igToken, batch: JSON.stringify(requests), ...extra }),
    });

  it('runs reads and sends in order, answering {code, headers, body} for each', async () => {
    const res = await batch([
      { method: 'GET', relative_url: 'v23.0/me/conversations?limit=1', name: 'list' },
      { method: 'GET', relative_url: 'v23.0/{result=list:$.data.0.id}?fields=message_count' },
      {
        method: 'POST',
        relative_url: 'v23.0/me/messages',
        body: `recipient=${JSON.stringify({ id: ig.scopedId })}&message=${JSON.stringify({ text: 'batched' })}`,
      },
      { method: 'GET', relative_url: 'v23.0/12345' },
    ]);
    expect(res.status).toBe(200);
    const [list, count, sent, missing] = res.body;
    expect(list.code).toBe(200);
    expect(list.headers).toContainEqual({ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' });
    expect(list.headers).toContainEqual({ name: 'Facebook-API-Version', value: 'v23.0' });
    expect(JSON.parse(count.body)).toEqual({ message_count: 1, id: ig.conversationId });
    expect(JSON.parse(sent.body)).toEqual({
      recipient_id: ig.scopedId,
      message_id: expect.stringMatching(/^aWdf/),
    });
    expect(missing.code).toBe(400);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('skips requests whose dependency failed, omits what was asked to be omitted, and drops headers on request', async () => {
    const res = await batch(
      [
        { method: 'GET', relative_url: 'v23.0/12345', name: 'broken' },
        { method: 'GET', relative_url: 'v23.0/me?fields=username', depends_on: 'broken' },
        { method: 'GET', relative_url: 'v23.0/me', omit_response_on_success: true },
        { method: 'GET', relative_url: 'v23.0/me?fields=username' },
      ],
      { include_headers: 'false' },
    );
    expect(res.body[1]).toBeNull();
    expect(res.body[2]).toBeNull();
    expect(res.body[3]).toEqual({
      code: 200,
      body: JSON.stringify({ username: biz.ig.username, id: biz.ig.app_scoped_id }),
    });
  });

  it('runs its requests at the version it was posted to, and only on the Graph API', async () => {
    await personWritingTo(server().sandbox, biz.ig.id);
    const res = await call(server().graph.url('/v25.0/'), {
      method: 'POST',
      body: new URLSearchParams({
        access_token: biz.igToken,
        batch: JSON.stringify([
          { method: 'GET', relative_url: 'me/conversations?limit=1' },
          { method: 'GET', relative_url: 'v23.0/me?fields=username' },
          { method: 'GET', relative_url: '_parley/health' },
          { method: 'GET', relative_url: 'cdn/anything' },
        ]),
      }),
    });
    const [list, versioned, sandbox, cdn] = res.body;
    expect(list.headers).toContainEqual({ name: 'Facebook-API-Version', value: 'v25.0' });
    expect(JSON.parse(list.body).paging.next).toContain('/v25.0/me/conversations?');
    expect(versioned.headers).toContainEqual({ name: 'Facebook-API-Version', value: 'v23.0' });
    for (const outside of [sandbox, cdn]) {
      expect(outside.code).toBe(400);
      expect(JSON.parse(outside.body).error).toMatchObject({ code: 100, error_subcode: 33 });
    }
  });

  it('takes at most 50 requests', async () => {
    const fifty = Array.from({ length: 50 }, () => ({ method: 'GET', relative_url: 'v23.0/me' }));
    expect((await batch(fifty)).body).toHaveLength(50);
    const res = await batch([...fifty, { method: 'GET', relative_url: 'v23.0/me' }]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 1,
      type: 'GraphBatchException',
      message: 'Too many requests in batch message. Maximum batch size is 50',
    });
    expect((await batch('not json')).body.error.code).toBe(100);
    expect((await batch([{ method: 'GET' }])).body.error.message).toBe(
      '(#100) The parameter batch[0][relative_url] is required',
    );
  });
  it('refuses a batch inside a batch, so one request runs at most 50 others', async () => {
    const inner = JSON.stringify([{ method: 'GET', relative_url: 'v23.0/me' }]);
    const res = await batch([
      { method: 'POST', relative_url: '/', body: `batch=${encodeURIComponent(inner)}` },
      { method: 'POST', relative_url: 'v23.0/', body: { batch: inner } },
      { method: 'GET', relative_url: 'v23.0/me?fields=id' },
    ]);
    expect(res.status).toBe(200);
    const [nested, versioned, plain] = res.body;
    for (const answer of [nested, versioned]) {
      expect(answer.code).toBe(400);
      expect(JSON.parse(answer.body).error).toMatchObject({
        message: 'A batch request cannot contain another batch request',
        type: 'GraphBatchException',
        code: 1,
      });
    }
    expect(plain.code).toBe(200);
  });
});
