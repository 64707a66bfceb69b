/**
 * Several Parley processes on one PostgreSQL database share one sandbox: the clock one of them moves, and a
 * reset one of them makes, hold in all of them. Parleys in other schemas of the database are not touched.
 */
import { PAGE_INBOX_APP_ID } from '@parley/protocol';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePostgresUrl } from '../src/store/postgres/connect.ts';
import { call, createBusiness } from './support/clients.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { newDatabaseTarget, postgresAvailable } from './support/stores.ts';

/** Less than the token cache keeps a token (5 s): a server that did not hear of a reset would still take it. */
const HEARD_WITHIN_MS = 2_000;

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs = HEARD_WITHIN_MS,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.skipIf(!postgresAvailable())('Several servers on one PostgreSQL database', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    // The server that made the database drops it last.
    for (const server of servers.reverse()) await server.close();
  });

  const start = async () => {
    const a = await startTestServer('postgres');
    const b = await startTestServer('postgres', { db: a.db });
    servers.push(a, b);
    return { a, b };
  };

  it('moves every server’s clock when one of them moves it, and no other schema’s', async () => {
    const { a, b } = await start();
    const elsewhere = await startTestServer('postgres', { db: newDatabaseTarget('postgres') });
    servers.push(elsewhere);

    await a.sandbox.advanceClock(3 * 3600);
    const offset = () => b.sandbox.do<{ offset_seconds: number }>('GET', '/clock');
    expect(
      (await eventually(offset, (clock) => clock.offset_seconds >= 3 * 3600 - 2)).offset_seconds,
    ).toBeCloseTo(3 * 3600, -1);

    await b.sandbox.do('POST', '/clock', { freeze: true });
    const frozen = () => a.sandbox.do<{ frozen: boolean }>('GET', '/clock');
    expect((await eventually(frozen, (clock) => clock.frozen)).frozen).toBe(true);

    expect(
      (await elsewhere.sandbox.do<{ offset_seconds: number; frozen: boolean }>('GET', '/clock')).frozen,
    ).toBe(false);
    expect(Math.abs((await elsewhere.sandbox.do('GET', '/clock')).offset_seconds)).toBeLessThan(5);
  });

  it('forgets the tokens a reset removed, whichever server was reset', async () => {
    const { a, b } = await start();
    const { igToken } = await createBusiness(a.sandbox);
    // B resolves the token once, and would keep it a while.
    expect((await b.graph.get('/v23.0/me', {}, { token: igToken })).status).toBe(200);

    await a.sandbox.do('POST', '/reset', {});
    const me = () => b.graph.get('/v23.0/me', {}, { token: igToken });
    const refused = await eventually(me, (result) => result.status !== 200);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(190);
  });

  it('refuses a grant’s tokens on every server once the person removes the app on one', async () => {
    const { a, b } = await start();
    const { app, ig } = await createBusiness(a.sandbox);
    const owner = await a.sandbox.user();
    await a.sandbox.do('POST', '/roles', { user_id: owner.id, target_id: ig.id, role: 'admin' });
    await a.sandbox.do('POST', '/login/approvals', { app_id: app.id, user_id: owner.id, login: 'instagram' });
    const redirect = 'http://127.0.0.1:9/cb';
    const consent = await b.graph.get(
      `/oauth/authorize?client_id=${app.id}&redirect_uri=${encodeURIComponent(redirect)}`,
    );
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const exchanged = await call(`${a.url}/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: app.id,
        client_secret: app.secret,
        grant_type: 'authorization_code',
        redirect_uri: redirect,
        code,
      }),
    });
    const token = exchanged.body.access_token as string;
    // B resolves the token once, and would keep it a while.
    expect((await b.graph.get('/v23.0/me', {}, { token })).status).toBe(200);

    await a.sandbox.do('POST', `/users/${owner.id}/remove-app`, { app_id: app.id });
    const me = () => b.graph.get('/v23.0/me', {}, { token });
    const refused = await eventually(me, (result) => result.status !== 200);
    expect(refused.body.error).toMatchObject({ code: 190, error_subcode: 458 });
  });

  it('shares who controls a thread: one server passes it, the other refuses the bot and tells the owner', async () => {
    const { a, b } = await start();
    const { app, page, pageToken } = await createBusiness(a.sandbox);
    await a.sandbox.do('POST', `/accounts/${page.id}/conversation-routing`, { primary_receiver: app.id });
    const person = await a.sandbox.user();
    const psid = (await a.sandbox.send(person.id, page.id, 'Help')).sender_id as string;
    const passed = await a.graph.post(
      '/v23.0/me/pass_thread_control',
      { recipient: { id: psid }, target_app_id: PAGE_INBOX_APP_ID },
      { token: pageToken },
    );
    expect(passed.body).toEqual({ success: true });
    const owner = await b.graph.get('/v23.0/me/thread_owner', { recipient: psid }, { token: pageToken });
    expect(owner.body).toEqual({ data: [{ thread_owner: { app_id: PAGE_INBOX_APP_ID } }] });
    const refused = await b.graph.post(
      '/v23.0/me/messages',
      { recipient: { id: psid }, message: { text: 'Hi' } },
      { token: pageToken },
    );
    expect(refused.body.error).toMatchObject({ code: 10, error_subcode: 2018300 });
    await b.graph.post('/v23.0/me/take_thread_control', { recipient: { id: psid } }, { token: pageToken });
    const sent = await a.graph.post(
      '/v23.0/me/messages',
      { recipient: { id: psid }, message: { text: 'Hi' } },
      { token: pageToken },
    );
    expect(sent.status).toBe(200);
  });

  it('hears again after losing its listening connection, and catches up on what it missed', async () => {
    const { a, b } = await start();
    const { connectionString, schema } = parsePostgresUrl(a.db.target);
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      // Both servers' listeners go; the clock moves while they are away.
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [`parley-changes:${schema}`],
      );
      expect(rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await a.sandbox.advanceClock(600);
    const offset = () => b.sandbox.do<{ offset_seconds: number }>('GET', '/clock');
    // Listening again takes a second, then the clock is read afresh.
    const caughtUp = await eventually(offset, (clock) => clock.offset_seconds >= 590, 5_000);
    expect(caughtUp.offset_seconds).toBeGreaterThanOrEqual(590);

    // And it listens again: the next move is heard as the first was.
    await a.sandbox.advanceClock(600);
    expect(
      (await eventually(offset, (clock) => clock.offset_seconds >= 1190)).offset_seconds,
    ).toBeGreaterThanOrEqual(1190);
  });
});
