import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createParley, type Parley } from '../src/index.ts';
import { createWebhookReceiver, type WebhookReceiver } from '../src/testing.ts';

const graph = async (parley: Parley, path: string, init?: RequestInit) => {
  const response = await fetch(`${parley.url}/v23.0/${path}`, init);
  return { status: response.status, body: (await response.json()) as any };
};

const sendText = (parley: Parley, recipient: string, text: string) =>
  graph(parley, 'me/messages', {
    method: 'POST',
    headers: { authorization: `Bearer ${parley.tokens.instagram}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: recipient }, message: { text } }),
  });

describe('createParley', () => {
  let parley: Parley;
  let bot: WebhookReceiver;

  beforeAll(async () => {
    bot = await createWebhookReceiver();
    parley = await createParley({ webhooks: { url: bot.url } });
  });
  afterAll(async () => {
    await parley?.close();
    await bot?.close();
  });
  beforeEach(async () => {
    await parley.reset();
    bot.clear();
  });

  it('serves the demo world on a free port, with its tokens, app, accounts and people', async () => {
    expect(parley.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(parley.tokens).toMatchObject({
      instagram: 'IGAAparleyDemoInstagramUserToken',
      page: 'EAAparleyDemoPageToken',
    });
    expect(parley.app).toEqual({
      id: '918273645500001',
      secret: '6d0c1c5a1f3e4b2a9c8d7e6f5a4b3c2d',
      token: '918273645500001|parley-demo-app-token',
    });
    expect(parley.accounts.shop).toMatchObject({ id: '17841458123456789', type: 'instagram' });
    expect(parley.people.mina).toMatchObject({
      id: '51000000001',
      scopedIds: { '17841458123456789': '6200000000000001', '104522334455667': '7100000000000001' },
    });
    expect(parley.people).toHaveProperty('alex');
    expect(Object.keys(parley.people)).toEqual(['mina', 'jun', 'sora', 'lee', 'alex', 'sam', 'pat', 'robin']);
    expect(() => parley.people.bob).toThrow(
      'No person "bob" in this world (it has: mina, jun, sora, lee, alex, sam, pat, robin)',
    );
    const me = await graph(parley, `me?fields=username&access_token=${parley.tokens.instagram}`);
    expect(me.body.username).toBe('parley.coffee');
  });

  it('plays the people, and the bot hears them through signed webhooks', async () => {
    const sent = await parley.people.mina.says('Is the café open on Sunday?');
    expect(sent.sender_id).toBe('6200000000000001');
    const heard = await bot.waitFor((e) => e.event.message?.text === 'Is the café open on Sunday?');
    expect(heard).toMatchObject({ object: 'instagram', accountId: '17841458123456789' });
    const delivery = await parley.webhooks.waitFor((d) => d.event.message?.mid === sent.message_id);
    expect(delivery.status).toBe('delivered');

    await parley.people.mina.taps({ content_type: 'text', title: 'Yes', payload: 'YES' });
    await bot.waitFor((e) => e.event.message?.quick_reply?.payload === 'YES');
    await parley.people.mina.taps({ type: 'postback', title: 'Menu', payload: 'MENU' });
    await bot.waitFor((e) => e.event.postback?.payload === 'MENU');

    const reply = await sendText(parley, sent.sender_id, 'Yes, 9am to 5pm!');
    expect(reply.status).toBe(200);
    await parley.people.mina.reacts(reply.body.message_id);
    await bot.waitFor((e) => e.event.reaction?.mid === reply.body.message_id);
    await parley.people.mina.reads(reply.body.message_id);
    await bot.waitFor((e) => e.event.read?.mid === reply.body.message_id);
    // Alex writes to the Page (his only account): Messenger's object.
    await parley.people.alex.says('Hello page');
    await bot.waitFor((e) => e.object === 'page' && e.event.message?.text === 'Hello page');
  });

  it('plays opt-ins: marketing messages stopped and resumed, and the checkbox plugin', async () => {
    const alex = parley.people.alex;
    const opted = await alex.optsInToMarketing({
      to: 'page',
      title: 'Coffee of the week',
      frequency: 'WEEKLY',
    });
    const heard = await bot.waitFor((e) => e.event.optin?.title === 'Coffee of the week');
    expect(heard.event.optin).toMatchObject({
      notification_messages_token: opted.notification_messages_token,
      notification_messages_frequency: 'WEEKLY',
    });
    await alex.stopsMarketing(opted.notification_messages_token);
    await bot.waitFor((e) => e.event.optin?.notification_messages_status === 'STOP_NOTIFICATIONS');
    await alex.resumesMarketing(opted.notification_messages_token);
    await bot.waitFor((e) => e.event.optin?.notification_messages_status === 'RESUME_NOTIFICATIONS');

    const ticked = await parley.people.sam.ticksCheckbox({ to: 'page', user_ref: 'order-1', ref: 'cart' });
    expect(ticked.user_ref).toBe('order-1');
    const optin = await bot.waitFor((e) => e.event.optin?.user_ref === 'order-1');
    expect(optin.event).toEqual({
      recipient: { id: parley.accounts.page.id },
      timestamp: ticked.timestamp,
      optin: { ref: 'cart', user_ref: 'order-1' },
    });
  });

  it('plays the Messenger profile: Get Started, ice breakers and menu items reach the bot as postbacks', async () => {
    const setProfile = (token: string, profile: Record<string, unknown>) =>
      graph(parley, 'me/messenger_profile', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(profile),
      });
    await setProfile(parley.tokens.page, {
      get_started: { payload: 'GET_STARTED' },
      persistent_menu: [
        {
          locale: 'default',
          call_to_actions: [{ type: 'postback', title: 'Opening hours', payload: 'HOURS' }],
        },
      ],
    });
    await setProfile(parley.tokens.instagram, {
      ice_breakers: [{ call_to_actions: [{ question: 'Do you ship?', payload: 'SHIPPING' }] }],
    });

    // Robin has not written to either account yet: both show him their welcome.
    const started = await parley.people.robin.tapsGetStarted({ to: 'page', ref: 'flyer' });
    const heard = await bot.waitFor((e) => e.event.postback?.mid === started.message_id);
    expect(heard.event.postback).toEqual({
      mid: started.message_id,
      title: 'Get Started',
      payload: 'GET_STARTED',
      referral: { ref: 'flyer', source: 'SHORTLINK', type: 'OPEN_THREAD' },
    });
    await parley.people.robin.tapsIceBreaker('Do you ship?', { to: 'shop' });
    await bot.waitFor((e) => e.object === 'instagram' && e.event.postback?.payload === 'SHIPPING');
    expect(await parley.people.alex.tapsMenuItem('Opening hours')).toMatchObject({ type: 'postback' });
    await bot.waitFor((e) => e.object === 'page' && e.event.postback?.payload === 'HOURS');
  });

  it('moves the clock: 25 hours after her message, the window is closed', async () => {
    const sent = await parley.people.mina.says('hi');
    await parley.clock.advance('25h');
    const late = await sendText(parley, sent.sender_id, 'Sorry for the wait');
    expect(late.status).toBe(400);
    expect(late.body.error.error_subcode).toBe(2534022);
  });

  it('resets to the seed: what a test did is gone, and no webhook from before reaches the bot after', async () => {
    // The bot answers slowly, so the message's webhook is still in flight when the reset comes.
    await parley.sandbox.setFaults({ app_id: parley.app.id, object: 'instagram', delay_ms: 300 });
    await parley.people.mina.says('before the reset');
    await parley.reset();
    bot.clear();
    await parley.people.mina.says('after the reset');
    await bot.waitFor((e) => e.event.message?.text === 'after the reset');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bot.events.map((e) => e.event.message?.text)).toEqual(['after the reset']);
    const texts = (await parley.webhooks.deliveries()).map((d) => d.event.message?.text);
    expect(texts).toEqual(['after the reset']);
  });
});

describe('createParley: comments', () => {
  let parley: Parley;
  let bot: WebhookReceiver;

  beforeAll(async () => {
    bot = await createWebhookReceiver();
    parley = await createParley({
      webhooks: { url: bot.url, fields: ['comments', 'messages', 'message_echoes'] },
    });
  });
  afterAll(async () => {
    await parley?.close();
    await bot?.close();
  });

  it('has the demo posts; people comment on them and on new ones, and the bot hears it', async () => {
    expect(parley.posts).toEqual({ roast: '17900000000000101', reel: '17900000000000102' });
    const comment = await parley.people.jun.comments(parley.posts.reel, 'price?');
    expect(comment).toMatchObject({
      media_id: parley.posts.reel,
      sender_id: '6200000000000002',
      parent_id: null,
    });
    const heard = await bot.waitFor((e) => e.kind === 'changes');
    expect(heard).toMatchObject({
      object: 'instagram',
      accountId: parley.accounts.shop.id,
      event: { field: 'comments', value: { id: comment.id, text: 'price?' } },
    });
    const delivery = await parley.webhooks.waitFor((d) => d.change?.value.id === comment.id);
    expect(delivery.change).toMatchObject({
      field: 'comments',
      value: { media: { media_product_type: 'REELS' } },
    });

    const post = await parley.publish('shop', { caption: 'New mugs' });
    expect(post).toMatchObject({ account_id: parley.accounts.shop.id, media_product_type: 'FEED' });
    const reply = await parley.people.mina.comments(post.id, 'nice', {
      replyTo: (await parley.people.sora.comments(post.id, 'how much?')).id,
    });
    expect(reply.parent_id).toEqual(expect.any(String));

    // A private reply to the comment is the business's answer to the person.
    const answer = await graph(parley, 'me/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${parley.tokens.instagram}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { comment_id: comment.id }, message: { text: '14€!' } }),
    });
    expect(answer.status).toBe(200);
    expect((await parley.people.jun.waitForReply()).text).toBe('14€!');
  });
});

describe('createParley: conversation routing', () => {
  let parley: Parley;
  let bot: WebhookReceiver;
  const PAGE_INBOX = '263902037430900';

  beforeAll(async () => {
    bot = await createWebhookReceiver();
    parley = await createParley({ webhooks: { url: bot.url } });
  });
  afterAll(async () => {
    await parley?.close();
    await bot?.close();
  });

  it('gives the app a role, hears the inbox’s threads on standby, and the inbox hands one over', async () => {
    const routing = await parley.routing.set('page', { primary: PAGE_INBOX, secondary: [parley.app.id] });
    expect(routing.primary_receiver).toEqual({ id: PAGE_INBOX, name: 'Page Inbox' });
    const roles = await bot.waitFor((e) => e.event.app_roles !== undefined);
    expect(roles.event.app_roles).toEqual({ [parley.app.id]: ['secondary_receiver'] });

    const asked = await parley.people.alex.says('Hi, anyone?');
    const heard = await bot.waitFor((e) => e.event.message?.mid === asked.message_id);
    expect(heard.kind).toBe('standby');
    const delivery = await parley.webhooks.waitFor((d) => d.event.message?.mid === asked.message_id);
    expect(delivery.field).toBe('standby');
    expect(await parley.inbox.control(asked.conversation_id)).toMatchObject({
      owner: { id: PAGE_INBOX },
      inbox_may: ['pass'],
    });

    await parley.inbox.pass(asked.conversation_id, { target: parley.app.id, metadata: 'Yours' });
    const passed = await bot.waitFor((e) => e.event.pass_thread_control !== undefined);
    expect(passed.event.pass_thread_control).toEqual({
      previous_owner_app_id: PAGE_INBOX,
      new_owner_app_id: parley.app.id,
      metadata: 'Yours',
    });
    const next = await parley.people.alex.says('Thanks');
    expect((await bot.waitFor((e) => e.event.message?.mid === next.message_id)).kind).toBe('messaging');
    expect((await parley.routing.set('page', null)).primary_receiver).toBeNull();
  });
});
