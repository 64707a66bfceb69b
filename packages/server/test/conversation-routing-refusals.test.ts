/**
 * Thread control's refusals over HTTP: every misuse answers Meta's envelope, and leaves the thread's control,
 * the conversation and the webhooks as they were.
 */
import { PAGE_INBOX_APP_ID } from '@parley/protocol';
import { beforeAll, expect, it } from 'vitest';
import { setRouting, useRoutedThread, type RoutedApp } from './support/routing.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const refusal = (message: string, code: number, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: expect.any(String) },
});
const NO_PERMISSION = refusal('(#10) Application does not have permission for this action', 10);

describeEachStore('Conversation routing refusals', (kind) => {
  const server = useTestServer(kind);
  const { world, thread, control } = useRoutedThread(server);
  const bot = () => world.biz.bot;
  const agent = () => world.biz.agent;
  const page = () => world.biz.page.id;
  let bystander: { app: { id: string }; token: string };

  beforeAll(async () => {
    const app = await server().sandbox.createApp({ name: 'No Role' });
    bystander = { app, token: (await server().sandbox.token(app.id, page())).access_token };
  });
  /** What a refusal must leave alone: who controls the thread, and the deliveries made. */
  const state = async () => ({
    control: await server().sandbox.do(
      'GET',
      `/conversations/${thread.person.conversationId}/thread-control`,
    ),
    deliveries: (await server().sandbox.do('GET', '/webhooks/deliveries?limit=500')).data.length,
  });
  const expectRefused = async (
    call: () => Promise<{ status: number; body: unknown }>,
    status: number,
    body: unknown,
  ) => {
    const before = await state();
    const res = await call();
    expect({ status: res.status, body: res.body }).toEqual({ status, body });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await state()).toEqual(before);
  };

  it('answers (#27) for thread control on an account without routing, and the caller as owner', async () => {
    await setRouting(server(), page(), null);
    try {
      for (const [action, name] of [
        ['pass', 'Pass thread control'],
        ['take', 'Take thread control'],
        ['request', 'Request thread control'],
        ['release', 'Release thread control'],
      ]) {
        await expectRefused(
          () => control(bot().pageToken, action!, { target_app_id: PAGE_INBOX_APP_ID }),
          400,
          refusal(`(#27) ${name} is not supported when Conversation Routing is not enabled`, 27),
        );
      }
      const owner = await server().graph.get(
        '/v23.0/me/thread_owner',
        { recipient: thread.person.scopedId },
        { token: agent().pageToken },
      );
      expect(owner.body).toEqual({ data: [{ thread_owner: { app_id: agent().app.id } }] });
      // Every app may send in a thread no routing controls.
      const sent = await server().graph.post(
        '/v23.0/me/messages',
        { recipient: { id: thread.person.scopedId }, message: { text: 'Hi from the agent' } },
        { token: agent().pageToken },
      );
      expect(sent.status).toBe(200);
    } finally {
      await setRouting(server(), page(), bot().app.id, [agent().app.id]);
    }
  });

  it("refuses what an app's role does not allow", async () => {
    const token = (app: RoutedApp) => app.pageToken;
    // No role at all.
    for (const action of ['pass', 'take', 'request', 'release'])
      await expectRefused(
        () => control(bystander.token, action, { target_app_id: PAGE_INBOX_APP_ID }),
        403,
        NO_PERMISSION,
      );
    await expectRefused(
      () =>
        server().graph.get(
          '/v23.0/me/thread_owner',
          { recipient: thread.person.scopedId },
          { token: bystander.token },
        ),
      403,
      NO_PERMISSION,
    );
    // Only the primary receiver takes; only a secondary receiver asks; only the app in control passes or releases.
    await expectRefused(() => control(token(agent()), 'take'), 403, NO_PERMISSION);
    await expectRefused(() => control(token(bot()), 'request'), 403, NO_PERMISSION);
    await expectRefused(
      () => control(token(agent()), 'pass', { target_app_id: PAGE_INBOX_APP_ID }),
      403,
      NO_PERMISSION,
    );
    await expectRefused(() => control(token(agent()), 'release'), 403, NO_PERMISSION);
  });

  it('refuses a pass without a target, or to an app without a role, or to itself', async () => {
    await expectRefused(
      () => control(bot().pageToken, 'pass'),
      400,
      refusal('(#100) The parameter target_app_id is required', 100),
    );
    const invalidTarget = refusal(
      '(#100) Param target_app_id must be an app with a role on this account, or its inbox',
      100,
    );
    for (const target of [bystander.app.id, bot().app.id, '1217981644879628', 'abc'])
      await expectRefused(
        () => control(bot().pageToken, 'pass', { target_app_id: target }),
        400,
        invalidTarget,
      );
  });

  it('refuses a missing or unknown recipient, long metadata, and other tokens', async () => {
    await expectRefused(
      () => server().graph.post('/v23.0/me/take_thread_control', {}, { token: bot().pageToken }),
      400,
      refusal('(#100) The parameter recipient is required', 100),
    );
    await expectRefused(
      () =>
        server().graph.post(
          '/v23.0/me/take_thread_control',
          { recipient: { id: '123' } },
          { token: bot().pageToken },
        ),
      400,
      refusal('(#100) No matching user found', 100, { error_subcode: 2018001 }),
    );
    await expectRefused(
      () =>
        control(bot().pageToken, 'pass', { target_app_id: PAGE_INBOX_APP_ID, metadata: 'x'.repeat(1001) }),
      400,
      refusal('(#100) Length of param metadata must be less than or equal to 1000', 100),
    );
    const other = await server().sandbox.page();
    const otherToken = (await server().sandbox.token(bot().app.id, other.id)).access_token;
    await expectRefused(
      () =>
        server().graph.post(
          `/v23.0/${page()}/take_thread_control`,
          { recipient: { id: thread.person.scopedId } },
          { token: otherToken },
        ),
      400,
      expect.objectContaining({ error: expect.objectContaining({ code: 100, error_subcode: 33 }) }),
    );
  });

  it('takes receivers from a seed, and refuses a seed naming an unknown app whole', async () => {
    const seeded = await server().sandbox.do('POST', '/seed', {
      apps: [
        { key: 'bot', name: 'Seeded Bot' },
        { key: 'desk', name: 'Seeded Desk' },
      ],
      accounts: [{ key: 'page', type: 'page', name: 'Seeded Page' }],
      conversation_routing: [
        { account: 'page', primary_receiver: PAGE_INBOX_APP_ID, secondary_receivers: ['bot', 'desk'] },
      ],
    });
    const pageId = seeded.accounts.page.id as string;
    expect(await server().sandbox.do('GET', `/accounts/${pageId}/conversation-routing`)).toEqual({
      account_id: pageId,
      primary_receiver: { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
      secondary_receivers: [
        { id: seeded.apps.bot.id, name: 'Seeded Bot' },
        { id: seeded.apps.desk.id, name: 'Seeded Desk' },
      ],
      inbox: { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
    });
    const refused = await server().sandbox.raw('POST', '/seed', {
      accounts: [{ key: 'other', type: 'page', name: 'Not Stored' }],
      conversation_routing: [{ account: 'other', primary_receiver: '424242' }],
    });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe('No app with id 424242');
    const world = await server().sandbox.do('GET', '/world');
    expect(world.accounts.some((a: { name: string }) => a.name === 'Not Stored')).toBe(false);
  });

  it('refuses the inbox what it may not do, in the sandbox', async () => {
    const res = await server().sandbox.raw(
      'POST',
      `/conversations/${thread.person.conversationId}/thread-control`,
      {
        action: 'take',
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('The inbox cannot take this conversation: it may request');
    const bad = await server().sandbox.raw('POST', `/accounts/${page()}/conversation-routing`, {
      secondary_receivers: [agent().app.id],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/needs a primary receiver/);
    const unknown = await server().sandbox.raw('POST', `/accounts/${page()}/conversation-routing`, {
      primary_receiver: '999',
    });
    expect(unknown.status).toBe(404);
    expect(
      (await server().sandbox.do('GET', `/accounts/${page()}/conversation-routing`)).primary_receiver.id,
    ).toBe(bot().app.id);
  });
});
