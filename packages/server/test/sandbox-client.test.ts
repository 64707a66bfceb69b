/**
 * The typed sandbox client (@parley/sandbox) against a real server: its methods, its errors, and a seed that
 * declares webhook subscriptions, delivered to a real receiver.
 */
import { SandboxClient, SandboxError } from '@parley/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueName } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';

/** The error a call answers with, or a failure when it succeeds. */
async function refusal(call: Promise<unknown>): Promise<SandboxError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxError);
  return error as SandboxError;
}

describeEachStore('The typed sandbox client', (kind) => {
  const server = useTestServer(kind);
  const client = () => new SandboxClient({ baseUrl: server().url });
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('creates a world, plays a person, and reads the conversation', async () => {
    const sandbox = client();
    expect(await sandbox.health()).toEqual({ ok: true });
    const app = await sandbox.createApp({ name: 'Typed', features: ['human_agent'] });
    expect(app.features).toEqual(['human_agent']);
    const shop = await sandbox.createAccount({ type: 'instagram', username: uniqueName('t').slice(0, 30) });
    const mina = await sandbox.createUser({ username: uniqueName('u').slice(0, 30), name: 'Mina' });
    expect(await sandbox.getUser(mina.id)).toMatchObject({ id: mina.id, name: 'Mina' });
    await sandbox.follow({ user_id: mina.id, account_id: shop.id });
    const token = await sandbox.createToken({ app_id: app.id, account_id: shop.id, expires_in: 3600 });
    expect(token.kind).toBe('instagram_user');

    const sent = await sandbox.say(mina.id, shop.id, 'Hello!');
    await sandbox.react(mina.id, { message_id: sent.message_id, reaction: 'love' });
    await sandbox.markSeen(mina.id, { message_id: sent.message_id });
    await sandbox.postback(mina.id, { to: shop.id, title: 'Menu', payload: 'MENU' });
    expect(await sandbox.getConversation(sent.conversation_id)).toMatchObject({
      folder: 'primary',
      message_count: 2,
      platform: 'instagram',
    });
    const moved = await sandbox.moveConversation(sent.conversation_id, 'general');
    expect(moved.folder).toBe('general');
    expect(await sandbox.unsend(sent.message_id)).toEqual({ success: true });

    const post = await sandbox.createPost(shop.id, { caption: 'New roast' });
    const comment = await sandbox.comment(mina.id, { media_id: post.id, text: 'Looks good' });
    expect(comment.media_id).toBe(post.id);
    expect((await sandbox.block(mina.id, shop.id)).blocked).toBe(true);
    expect((await sandbox.unblock(mina.id, shop.id)).blocked).toBe(false);
  });

  it('answers refusals as SandboxErrors, naming the exact path of a bad field', async () => {
    const sandbox = client();
    const missing = await refusal(sandbox.getApp('404404404'));
    expect(missing).toMatchObject({ status: 404, code: 100 });

    const seed = await refusal(
      // Wrong on purpose: what the types refuse, the server refuses too.
      sandbox.seed({
        users: [{ username: 'a' }, { username: 'b', follow: ['x'] } as never],
        conversations: [{ account: 'a', user: 'b', messages: [{ from: 'user' }, { from: 'user', text: 5 }] }],
      }),
    );
    expect(seed.status).toBe(400);
    expect(seed.message).toBe('users[1]: unknown key "follow"');
    expect(seed.body).toMatchObject({ error: { type: 'ParleySandboxException', code: 100 } });

    const text = await refusal(
      sandbox.seed({
        conversations: [{ account: 'a', user: 'b', messages: [{ from: 'user', text: ['hi'] as never }] }],
      }),
    );
    expect(text.message).toBe('conversations[0].messages[0].text: must be a string');
    const app = await refusal(sandbox.createApp({ name: 'x', access_level: 'premium' as never }));
    expect(app.message).toBe('access_level: must be one of standard, advanced');
  });

  it('moves the clock, switches limits and faults, and reads deliveries', async () => {
    const sandbox = client();
    const before = await sandbox.clock();
    const after = await sandbox.advanceClock(60);
    expect(after.timestamp - before.timestamp).toBeGreaterThanOrEqual(60_000);
    const limits = await sandbox.setLimits({ limits: { send_media: { limit: 5 } } });
    expect(limits.limits.send_media).toEqual({ limit: 5, window_seconds: 1 });
    const unknownLimit = await refusal(sandbox.setLimits({ limits: { nope: {} } as never }));
    expect(unknownLimit.message).toMatch(/^limits: unknown limit "nope"; limits are conversations, /);
    await sandbox.setLimits({ limits: { send_media: { limit: 10 } } });
    const deliveries = await sandbox.deliveries({ limit: 5, status: 'delivered' });
    expect(Array.isArray(deliveries.data)).toBe(true);
    const badQuery = await refusal(sandbox.deliveries({ limit: 501 }));
    expect(badQuery.message).toBe('limit: must be a number between 1 and 500');
  });

  it('seeds webhook subscriptions with their handshake, installs the app, and delivers to them', async () => {
    const sandbox = client();
    const username = uniqueName('hook').slice(0, 28);
    const handshakes = receiver.handshakes.length;
    const seeded = await sandbox.seed({
      apps: [{ key: 'app', name: 'Hooked' }],
      accounts: [{ key: 'shop', type: 'instagram', username }],
      users: [{ key: 'u', username: `${username}_u` }],
      webhooks: [
        {
          app: 'app',
          object: 'instagram',
          callback_url: receiver.url,
          verify_token: 'verify-me',
          fields: ['messages'],
          installed_on: ['shop'],
        },
      ],
    });
    const appId = seeded.apps.app!.id;
    const shopId = seeded.accounts.shop!.id;
    expect(seeded.webhooks).toEqual([
      {
        app_id: appId,
        object: 'instagram',
        callback_url: receiver.url,
        fields: ['messages'],
        installed_on: [shopId],
      },
    ]);
    expect(receiver.handshakes.length).toBe(handshakes + 1);
    expect((await sandbox.subscriptions({ app_id: appId })).data).toMatchObject([
      { app_id: appId, object: 'instagram', fields: ['messages'] },
    ]);

    await sandbox.say(seeded.users.u!, shopId, 'hello hook');
    const [item] = await receiver.itemsOf(shopId, 1);
    expect(item.message.text).toBe('hello hook');
    const [delivery] = (await sandbox.deliveries({ app_id: appId })).data;
    expect(delivery).toMatchObject({ app_id: appId, account_id: shopId, field: 'messages' });
    expect((await sandbox.delivery(delivery!.id)).id).toBe(delivery!.id);

    await sandbox.setFaults({ app_id: appId, object: 'instagram', drop: 0, delay: 10 });
    expect((await sandbox.faults({ app_id: appId })).data).toEqual([
      { app_id: appId, object: 'instagram', delay_ms: 10 },
    ]);
    expect(await sandbox.clearFaults({ app_id: appId })).toEqual({ success: true });

    // A callback that fails the handshake stores nothing of the seed.
    const refused = await refusal(
      sandbox.seed({
        apps: [{ key: 'a', name: 'Unverified', id: '5050505050' }],
        webhooks: [
          {
            app: 'a',
            object: 'page',
            callback_url: receiver.url,
            verify_token: 'wrong',
            fields: ['messages'],
          },
        ],
      }),
    );
    expect(refused.status).toBe(400);
    expect((await refusal(sandbox.getApp('5050505050'))).status).toBe(404);

    const badField = await refusal(
      sandbox.seed({
        webhooks: [
          { app: 'a', object: 'page', callback_url: receiver.url, verify_token: 'x', fields: ['telepathy'] },
        ],
      }),
    );
    expect(badField.message).toMatch(/^webhooks\[0\]\.fields\[0\]: must be one of /);
  });
});
