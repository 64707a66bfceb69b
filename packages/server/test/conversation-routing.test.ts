/**
 * Conversation routing (the handover protocol) over HTTP: the roles the app dashboard gives, webhooks by who
 * controls the thread (`messaging` for its owner, `standby` for the other apps with a role), thread control
 * passed, taken, requested and released with their `messaging_handovers` events in Meta's bytes, sends refused
 * to the apps not in control, and control returning to the primary receiver with the sandbox clock.
 */
import { INSTAGRAM_INBOX_APP_ID, PAGE_INBOX_APP_ID } from '@parley/protocol';
import { expect, it } from 'vitest';
import { personWritingTo } from './support/conversation.ts';
import { setRouting, useRoutedThread, type RoutedApp } from './support/routing.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import {
  installApp,
  signatureOf,
  startReceiver,
  subscribeApp,
  type Receiver,
} from './support/webhook-receiver.ts';

describeEachStore('Conversation routing', (kind) => {
  const server = useTestServer(kind);
  const { world, thread, control: controlWith } = useRoutedThread(server);
  const bot = () => world.biz.bot;
  const agent = () => world.biz.agent;
  const page = () => world.biz.page.id;
  const control = (app: RoutedApp, action: string, body: Record<string, unknown> = {}) =>
    controlWith(app.pageToken, action, body);
  const ownerSeenBy = async (app: RoutedApp) =>
    (
      await server().graph.get(
        '/v23.0/me/thread_owner',
        { recipient: thread.person.scopedId },
        { token: app.pageToken },
      )
    ).body;
  const send = (app: RoutedApp, text: string) =>
    server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: thread.person.scopedId }, message: { text } },
      { token: app.pageToken },
    );
  const says = (text: string) => server().sandbox.send(thread.person.person.id, page(), text);
  const inbox = (body: Record<string, unknown>) =>
    server().sandbox.do('POST', `/conversations/${thread.person.conversationId}/thread-control`, body);
  const messageCount = async () =>
    (await server().sandbox.do('GET', `/conversations/${thread.person.conversationId}`))
      .message_count as number;
  /** The messaging item (or, `standby`, the standby item) a receiver got for a message. */
  const heard = (receiver: Receiver, mid: string, channel: 'messaging' | 'standby' = 'messaging') =>
    receiver.until(() =>
      (channel === 'messaging' ? receiver.items() : receiver.standby()).find((i) => i.message?.mid === mid),
    );
  /** The handover event of `kind` a receiver got for this person, once there. */
  const handover = (receiver: Receiver, kind: string, after = 0) =>
    receiver.until(() =>
      receiver
        .items()
        .find((i) => i[kind] && i.sender?.id === thread.person.scopedId && i.timestamp >= after),
    );
  /** The one POST a receiver got whose body holds these bytes. */
  const postWith = (receiver: Receiver, bytes: string) =>
    receiver.posts.find((p) => p.raw.toString('utf8').includes(bytes));

  it("tells each app its role, in Meta's bytes", async () => {
    for (const [app, role] of [
      [bot(), 'primary_receiver'],
      [agent(), 'secondary_receiver'],
    ] as const) {
      const item = await app.receiver.until(() => app.receiver.items().find((i) => i.app_roles));
      const bytes = `{"recipient":{"id":"${page()}"},"timestamp":${item.timestamp},"app_roles":{"${app.app.id}":["${role}"]}}`;
      const post = postWith(app.receiver, bytes);
      expect(post, `${role}: ${JSON.stringify(app.receiver.items())}`).toBeDefined();
      expect(post!.headers['x-hub-signature-256']).toBe(signatureOf(post!.raw, app.app.secret));
    }
    const routing = await server().sandbox.do('GET', `/accounts/${page()}/conversation-routing`);
    expect(routing).toEqual({
      account_id: page(),
      primary_receiver: { id: bot().app.id, name: 'Support Bot' },
      secondary_receivers: [
        { id: agent().app.id, name: 'Agent Desk' },
        { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
      ],
      inbox: { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
    });
  });

  it('delivers a thread to its owner on messaging, to the other apps with a role on standby, and to none without', async () => {
    const bystander = await startReceiver();
    try {
      const app = await server().sandbox.createApp({ name: 'No Role' });
      const token = (await server().sandbox.token(app.id, page())).access_token as string;
      await subscribeApp(server().graph, app, bystander, 'page', ['messages', 'standby']);
      await installApp(server().graph, token, ['messages', 'standby']);
      const sent = await says('Where is my order?');
      const owned = await heard(bot().receiver, sent.message_id);
      const watched = await heard(agent().receiver, sent.message_id, 'standby');
      expect(watched).toEqual(owned);
      const item = JSON.stringify(owned);
      const entry = (channel: string) => `{"id":"${page()}","time":${sent.timestamp},"${channel}":[${item}]}`;
      expect(postWith(bot().receiver, entry('messaging'))).toBeDefined();
      expect(postWith(agent().receiver, entry('standby'))).toBeDefined();
      expect(
        agent()
          .receiver.items()
          .some((i) => i.message?.mid === sent.message_id),
      ).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bystander.posts).toEqual([]);
    } finally {
      await bystander.close();
    }
  });

  it('passes a thread to the Page inbox: every app hears standby, the bot may no longer send', async () => {
    const passedAt = Date.now();
    const passed = await control(bot(), 'pass', {
      target_app_id: PAGE_INBOX_APP_ID,
      metadata: 'Needs a human',
    });
    expect(passed.body).toEqual({ success: true });
    for (const app of [bot(), agent()]) {
      const item = await handover(app.receiver, 'pass_thread_control');
      expect(item.timestamp).toBeGreaterThanOrEqual(passedAt - 60_000);
      const bytes =
        `{"sender":{"id":"${thread.person.scopedId}"},"recipient":{"id":"${page()}"},"timestamp":${item.timestamp},` +
        `"pass_thread_control":{"previous_owner_app_id":"${bot().app.id}","new_owner_app_id":"${PAGE_INBOX_APP_ID}",` +
        `"metadata":"Needs a human"}}`;
      expect(postWith(app.receiver, bytes), JSON.stringify(item)).toBeDefined();
    }
    expect(await ownerSeenBy(bot())).toEqual({ data: [{ thread_owner: { app_id: PAGE_INBOX_APP_ID } }] });
    expect(await ownerSeenBy(agent())).toEqual({ data: [{ thread_owner: { app_id: PAGE_INBOX_APP_ID } }] });

    const later = await says('Hello?');
    await heard(bot().receiver, later.message_id, 'standby');
    await heard(agent().receiver, later.message_id, 'standby');
    expect(
      bot()
        .receiver.items()
        .some((i) => i.message?.mid === later.message_id),
    ).toBe(false);

    const before = await messageCount();
    const refused = await send(bot(), 'I can still answer?');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        message: '(#10) Message failed to send because another app is controlling this thread now.',
        type: 'OAuthException',
        code: 10,
        error_subcode: 2018300,
        fbtrace_id: expect.any(String),
      },
    });
    expect(await messageCount()).toBe(before);
    const isOwner = await server().graph.get(
      `/v23.0/${thread.person.conversationId}`,
      { fields: 'is_owner' },
      { token: bot().pageToken },
    );
    expect(isOwner.body).toEqual({ is_owner: false, id: thread.person.conversationId });
  });

  it('hands the thread back when the inbox moves it to done: the bot hears pass_thread_control and messaging again', async () => {
    await control(bot(), 'pass', { target_app_id: PAGE_INBOX_APP_ID });
    const view = await server().sandbox.do(
      'GET',
      `/conversations/${thread.person.conversationId}/thread-control`,
    );
    expect(view).toMatchObject({
      routed: true,
      owner: { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
      primary_receiver: { id: bot().app.id, name: 'Support Bot' },
      expires_at: expect.any(Number),
      inbox_may: ['pass', 'release'],
    });
    const back = await inbox({ action: 'pass', metadata: 'Solved' });
    expect(back).toMatchObject({ owner: { id: bot().app.id }, expires_at: null, inbox_may: ['request'] });
    const item = await bot().receiver.until(() =>
      bot()
        .receiver.items()
        .find(
          (i) =>
            i.pass_thread_control?.new_owner_app_id === bot().app.id &&
            i.sender.id === thread.person.scopedId,
        ),
    );
    expect(item.pass_thread_control).toEqual({
      previous_owner_app_id: PAGE_INBOX_APP_ID,
      new_owner_app_id: bot().app.id,
      metadata: 'Solved',
    });
    const again = await says('Thanks!');
    await heard(bot().receiver, again.message_id);
    expect((await send(bot(), 'Anytime')).status).toBe(200);
  });

  it('passes to a secondary receiver, which answers; the primary takes the thread back', async () => {
    await control(bot(), 'pass', { target_app_id: agent().app.id });
    await handover(agent().receiver, 'pass_thread_control');
    const answered = await send(agent(), 'Agent Kim here');
    expect(answered.status).toBe(200);
    // Its echo: on messaging for the agent, on standby for the bot.
    await heard(agent().receiver, answered.body.message_id);
    const echo = await heard(bot().receiver, answered.body.message_id, 'standby');
    expect(echo.message).toMatchObject({
      is_echo: true,
      app_id: Number(agent().app.id),
      text: 'Agent Kim here',
    });

    const takenAt = Date.now() - 60_000;
    expect((await control(bot(), 'take', { metadata: 'Bot again' })).body).toEqual({ success: true });
    const taken = await handover(agent().receiver, 'take_thread_control', takenAt);
    const bytes =
      `"take_thread_control":{"previous_owner_app_id":"${agent().app.id}","new_owner_app_id":"${bot().app.id}",` +
      `"metadata":"Bot again"}}`;
    expect(postWith(agent().receiver, bytes), JSON.stringify(taken)).toBeDefined();
    expect((await send(agent(), 'Still me?')).body.error.error_subcode).toBe(2018300);
    expect((await send(bot(), 'Back with you')).status).toBe(200);
    // Taking a thread the primary receiver holds changes nothing.
    expect((await control(bot(), 'take')).body).toEqual({ success: true });
  });

  it('sends a secondary receiver’s request to the primary receiver alone', async () => {
    expect((await control(agent(), 'request', { metadata: 'VIP customer' })).body).toEqual({ success: true });
    const request = await handover(bot().receiver, 'request_thread_control');
    expect(request.request_thread_control).toEqual({
      requested_owner_app_id: agent().app.id,
      metadata: 'VIP customer',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      agent()
        .receiver.items()
        .some((i) => i.request_thread_control && i.sender.id === thread.person.scopedId),
    ).toBe(false);
    expect(await ownerSeenBy(bot())).toEqual({ data: [{ thread_owner: { app_id: bot().app.id } }] });
  });

  it('releases a thread back to the primary receiver, with no webhook', async () => {
    await control(bot(), 'pass', { target_app_id: agent().app.id });
    await handover(agent().receiver, 'pass_thread_control');
    const heardBefore = agent().receiver.items().length;
    expect((await control(agent(), 'release')).body).toEqual({ success: true });
    expect(await ownerSeenBy(agent())).toEqual({ data: [{ thread_owner: { app_id: bot().app.id } }] });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent().receiver.items().length).toBe(heardBefore);
  });

  it('gives a thread back to the primary receiver 24 hours after it was passed, by the sandbox clock', async () => {
    await control(bot(), 'pass', { target_app_id: agent().app.id });
    await server().sandbox.advanceClock(23 * 3600);
    expect(await ownerSeenBy(bot())).toEqual({ data: [{ thread_owner: { app_id: agent().app.id } }] });
    await server().sandbox.advanceClock(3600);
    expect(await ownerSeenBy(bot())).toEqual({ data: [{ thread_owner: { app_id: bot().app.id } }] });
    const sent = await says('Anyone?');
    await heard(bot().receiver, sent.message_id);
    await heard(agent().receiver, sent.message_id, 'standby');
  });

  it('keeps who controls a thread across a restart', async () => {
    await control(bot(), 'pass', { target_app_id: agent().app.id });
    await server().restart();
    expect(await ownerSeenBy(bot())).toEqual({ data: [{ thread_owner: { app_id: agent().app.id } }] });
    expect((await send(agent(), 'Still here after the restart')).status).toBe(200);
  });

  it('keeps postback payloads off standby', async () => {
    const tapped = await server().sandbox.do('POST', `/users/${thread.person.person.id}/postbacks`, {
      to: page(),
      title: 'Talk to an agent',
      payload: 'AGENT',
    });
    const owned = await bot().receiver.until(() =>
      bot()
        .receiver.items()
        .find((i) => i.postback?.mid === tapped.message_id),
    );
    const watched = await agent().receiver.until(() =>
      agent()
        .receiver.standby()
        .find((i) => i.postback?.mid === tapped.message_id),
    );
    expect(owned.postback).toEqual({ mid: tapped.message_id, title: 'Talk to an agent', payload: 'AGENT' });
    expect(watched).toEqual({ ...owned, postback: { mid: tapped.message_id, title: 'Talk to an agent' } });
    const deliveries = await server().sandbox.do(
      'GET',
      `/webhooks/deliveries?app_id=${agent().app.id}&limit=5`,
    );
    const standby = deliveries.data.find(
      (d: any) => d.entry.standby?.[0]?.postback?.mid === tapped.message_id,
    );
    expect(standby).toMatchObject({ field: 'standby', entry: { standby: [watched] } });
  });

  it('lists the secondary receivers and the inbox to the primary receiver alone', async () => {
    const list = (app: RoutedApp) =>
      server().graph.get('/v23.0/me/secondary_receivers', { fields: 'id,name' }, { token: app.pageToken });
    expect((await list(bot())).body).toEqual({
      data: [
        { id: agent().app.id, name: 'Agent Desk' },
        { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' },
      ],
    });
    expect((await list(agent())).body.error).toMatchObject({
      message: '(#10) Application does not have permission for this action',
      code: 10,
    });
  });

  it("routes the Page's Instagram threads by the Instagram account's own receivers", async () => {
    const ig = world.biz.ig.id;
    await setRouting(server(), ig, bot().app.id, [agent().app.id]);
    const writer = await personWritingTo(server().sandbox, ig, 'Hi on Instagram');
    await heard(bot().receiver, writer.firstMessageId);
    await heard(agent().receiver, writer.firstMessageId, 'standby');
    const pass = await server().graph.post(
      '/v23.0/me/pass_thread_control',
      { recipient: { id: writer.scopedId }, target_app_id: INSTAGRAM_INBOX_APP_ID },
      { token: bot().pageToken },
    );
    expect(pass.body).toEqual({ success: true });
    const refused = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: writer.scopedId }, message: { text: 'Hi' } },
      { token: bot().pageToken },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      message: "(#100) The action is invalid since it's not the thread owner.",
      code: 100,
      error_subcode: 2534037,
    });
    // Only the Instagram account is routed so: the Page's threads keep theirs.
    expect((await server().sandbox.do('GET', `/accounts/${ig}/conversation-routing`)).inbox.id).toBe(
      INSTAGRAM_INBOX_APP_ID,
    );
  });
});
