/** Meta's rate limits: on by default, answered with Meta's codes per platform, reported in usage headers. */
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { personWritingTo, type Business } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Rate limits', (kind) => {
  const server = useTestServer(kind, { rateLimits: true });
  let biz: Business;

  beforeAll(async () => {
    biz = await createBusiness(server().sandbox);
  });
  beforeEach(async () => {
    await server().sandbox.do('POST', '/limits', { enabled: true });
  });

  it('allows 2 Conversations API reads a second per account, then answers 613/2534040 on Instagram', async () => {
    const { graph } = server();
    const read = () => graph.get('/v23.0/me/conversations', {}, { token: biz.igToken });
    const first = await read();
    expect(first.status).toBe(200);
    const usage = JSON.parse(first.headers.get('x-business-use-case-usage')!);
    expect(usage[biz.ig.id][0]).toMatchObject({
      type: 'instagram',
      call_count: 50,
      estimated_time_to_regain_access: 0,
    });
    expect((await read()).status).toBe(200);
    const third = await read();
    expect(third.status).toBe(400);
    expect(third.body.error).toMatchObject({
      code: 613,
      error_subcode: 2534040,
      is_transient: true,
      message: '(#613) Calls to this api have exceeded the rate limit.',
    });
    expect(JSON.parse(third.headers.get('x-business-use-case-usage')!)[biz.ig.id][0].call_count).toBe(100);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await read()).status).toBe(200);
  });

  it('answers 80006 on Messenger, and refills when the sandbox clock moves', async () => {
    const { graph, sandbox } = server();
    const read = () => graph.get('/v23.0/me/conversations', {}, { token: biz.pageToken });
    await read();
    await read();
    const limited = await read();
    expect(limited.body.error).toMatchObject({ code: 80006, is_transient: true });
    expect(limited.body.error.message).toMatch(
      /^\(#80006\) There have been too many messenger api calls to this Page account/,
    );
    await sandbox.advanceClock(5);
    expect((await read()).status).toBe(200);
  });

  it('limits sends per account and category, tightened at run time through the sandbox', async () => {
    const { graph, sandbox } = server();
    const ig = await personWritingTo(sandbox, biz.ig.id);
    const fb = await personWritingTo(sandbox, biz.page.id);
    const settings = await sandbox.do('POST', '/limits', {
      limits: {
        send_text_instagram: { limit: 2, window_seconds: 60 },
        send_text_page: { limit: 1, window_seconds: 60 },
      },
    });
    expect(settings.limits.send_text_instagram).toEqual({ limit: 2, window_seconds: 60 });
    expect(settings.limits.send_media).toEqual({ limit: 10, window_seconds: 1 });
    const send = (to: string, token: string) =>
      graph.post('/v23.0/me/messages', { recipient: { id: to }, message: { text: 'hi' } }, { token });
    expect((await send(ig.scopedId, biz.igToken)).status).toBe(200);
    expect((await send(ig.scopedId, biz.igToken)).status).toBe(200);
    expect((await send(ig.scopedId, biz.igToken)).body.error).toMatchObject({
      code: 613,
      error_subcode: 2534040,
    });
    expect((await send(fb.scopedId, biz.pageToken)).status).toBe(200);
    expect((await send(fb.scopedId, biz.pageToken)).body.error).toMatchObject({ code: 80006 });
    // Calling on while throttled extends the wait: one refused call more, and 30 s later (the refill of the
    // token that call took) the Page is still throttled, at 60 s it may send.
    expect((await send(fb.scopedId, biz.pageToken)).status).toBe(400);
    await sandbox.advanceClock(30);
    const still = await send(fb.scopedId, biz.pageToken);
    expect(still.body.error).toMatchObject({ code: 80006 });
    expect(still.headers.get('x-business-use-case-usage')).toContain('"estimated_time_to_regain_access":2');
    await sandbox.advanceClock(120);
    expect((await send(fb.scopedId, biz.pageToken)).status).toBe(200);
    // Another account has its own allowance.
    const other = await createBusiness(sandbox);
    const person = await personWritingTo(sandbox, other.ig.id);
    expect((await send(person.scopedId, other.igToken)).status).toBe(200);
  });

  it('limits private replies per hour and account, and those on a live broadcast per second', async () => {
    const { graph, sandbox } = server();
    await sandbox.do('POST', '/limits', {
      limits: {
        private_replies: { limit: 1, window_seconds: 3600 },
        private_replies_live: { limit: 1, window_seconds: 1 },
      },
    });
    const post = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, {});
    const reply = async (mediaId = post.id, token = biz.igToken) => {
      const person = await sandbox.user();
      const comment = await sandbox.do('POST', `/users/${person.id}/comments`, {
        media_id: mediaId,
        text: 'hi',
      });
      return graph.post(
        '/v23.0/me/messages',
        { recipient: { comment_id: comment.id }, message: { text: 'thanks' } },
        { token },
      );
    };
    expect((await reply()).status).toBe(200);
    expect((await reply()).body.error).toMatchObject({ code: 613, error_subcode: 2534040 });
    // A Page's replies to its comments count on the Page, answered as Messenger answers.
    const pagePost = await sandbox.do('POST', `/accounts/${biz.page.id}/media`, {});
    expect((await reply(pagePost.id, biz.pageToken)).status).toBe(200);
    expect((await reply(pagePost.id, biz.pageToken)).body.error).toMatchObject({ code: 80006 });
    // Those on a live broadcast count apart.
    const live = await sandbox.do('POST', `/accounts/${biz.ig.id}/media`, { media_product_type: 'LIVE' });
    expect((await reply(live.id)).status).toBe(200);
    expect((await reply(live.id)).body.error).toMatchObject({ code: 613, error_subcode: 2534040 });
    // The refused reply counted too: an hour later the account is still throttled, two hours later it is not.
    await sandbox.advanceClock(3600);
    expect((await reply()).status).toBe(400);
    await sandbox.advanceClock(7200);
    expect((await reply()).status).toBe(200);
  });

  it('applies an application-level limit (code 4) with X-App-Usage when one is set', async () => {
    const { graph, sandbox } = server();
    const app = await createBusiness(sandbox);
    await sandbox.do('POST', '/limits', { limits: { app: { limit: 2, window_seconds: 3600 } } });
    const first = await graph.get('/v23.0/me', {}, { token: app.igToken });
    expect(JSON.parse(first.headers.get('x-app-usage')!)).toEqual({
      call_count: 50,
      total_time: 50,
      total_cputime: 50,
    });
    await graph.get('/v23.0/me', {}, { token: app.pageToken });
    const third = await graph.get('/v23.0/me', {}, { token: app.igToken });
    expect(third.body.error).toMatchObject({
      code: 4,
      message: '(#4) Application request limit reached',
      is_transient: true,
    });
    await sandbox.do('POST', '/limits', { limits: { app: { limit: null } } });
    expect((await graph.get('/v23.0/me', {}, { token: app.igToken })).status).toBe(200);
  });

  it('can be switched off', async () => {
    const { graph, sandbox } = server();
    const off = await sandbox.do('POST', '/limits', { enabled: false });
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 10; i++)
      expect((await graph.get('/v23.0/me/conversations', {}, { token: biz.igToken })).status).toBe(200);
    const bad = await sandbox.raw('POST', '/limits', { limits: { everything: { limit: 1 } } });
    expect(bad.status).toBe(400);
  });
});
