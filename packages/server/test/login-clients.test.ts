/**
 * Real OAuth client libraries against Parley's logins, unchanged but for their URLs: passport-facebook,
 * passport-instagram and simple-oauth2 in a small express site on 127.0.0.1, the person's browser played
 * by fetch, one redirect at a time, filling in the consent pages' forms as a browser would.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response as ExpressResponse } from 'express';
import { Passport } from 'passport';
import { Strategy as FacebookStrategy } from 'passport-facebook';
import { Strategy as InstagramStrategy, type StrategyOption } from 'passport-instagram';
import type { Metadata, StateStore } from 'passport-oauth2';
import { AuthorizationCode } from 'simple-oauth2';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createParley } from '../src/index.ts';
import { browse, consent } from './support/login-browser.ts';

const ROBIN = '51000000008';
const SHOP = '17841458123456789';
const PAGE = '104522334455667';
const MINA_PSID = '7100000000000001';
const FACEBOOK_SCOPES = ['pages_show_list', 'pages_messaging', 'pages_manage_metadata'];
const INSTAGRAM_SCOPES = ['instagram_business_basic', 'instagram_business_manage_messages'];

const parley = await createParley();
const { id: appId, secret: appSecret } = parley.app;
const graph = `${parley.url}/v23.0`;

type Stored = (err: Error | null, state: string) => void;
type Verified = (err: Error | null, ok: boolean, state: string) => void;

/**
 * The site's state values, without a session: passport-oauth2 takes any store with these two methods (and
 * calls them with the arguments their arity asks for: here the request and the callback, or the state too).
 */
class Nonces implements StateStore {
  readonly #open = new Set<string>();
  store(_req: Request, ...rest: [Stored] | [Metadata, Stored]) {
    const state = randomBytes(12).toString('hex');
    this.#open.add(state);
    (rest[rest.length - 1] as Stored)(null, state);
  }
  verify(_req: Request, state: string, ...rest: [Verified] | [Metadata, Verified]) {
    (rest[rest.length - 1] as Verified)(null, this.#open.delete(state), state);
  }
}

/**
 * passport-instagram 1.0.0 reads the profile from the retired `https://api.instagram.com/v1/users/self`,
 * with no option to move it: like any app still using it, this one reads Instagram Login's
 * `/me?fields=user_id,username` instead (what graph.instagram.com answers).
 */
class InstagramLoginStrategy extends InstagramStrategy {
  userProfile(accessToken: string, done: (err: Error | null, profile?: object) => void) {
    fetch(`${graph}/me?fields=user_id,username`, { headers: { authorization: `Bearer ${accessToken}` } })
      .then(async (res) => {
        const json = (await res.json()) as { user_id: string; username: string };
        if (!res.ok) throw new Error(`failed to fetch user profile: ${JSON.stringify(json)}`);
        done(null, { provider: 'instagram', id: json.user_id, username: json.username, _json: json });
      })
      .catch(done);
  }
}

/** What the site's callbacks answer: the user passport logged in, its failure, or the error. */
function outcome(res: ExpressResponse) {
  return (err: any, user: unknown, info: unknown) => {
    if (err) {
      res.status(500).json({ error: { name: err.name, message: err.message, code: err.code } });
    } else if (!user) res.status(401).json({ failed: info });
    else res.json({ user, info });
  };
}

async function startSite() {
  const site = express();
  const server = site.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const passport = new Passport();

  passport.use(
    new FacebookStrategy(
      {
        clientID: appId,
        clientSecret: appSecret,
        callbackURL: `${url}/auth/facebook/callback`,
        // The only change: Parley's URLs for www.facebook.com's and graph.facebook.com's, on v23.0 (the
        // strategy's default is v3.2, long expired).
        authorizationURL: `${graph}/dialog/oauth`,
        tokenURL: `${graph}/oauth/access_token`,
        profileURL: `${graph}/me`,
        profileFields: ['id', 'displayName'],
        enableProof: true,
        store: new Nonces(),
      },
      (accessToken, _refreshToken, profile, done) => done(null, { accessToken, profile }),
    ),
  );
  // @types/passport-instagram leaves passport-oauth2's own options (`store`) out of its type.
  const instagramOptions: StrategyOption & { store: StateStore } = {
    clientID: appId,
    clientSecret: appSecret,
    callbackURL: `${url}/auth/instagram/callback`,
    // www.instagram.com's and api.instagram.com's, as Parley's.
    authorizationURL: `${parley.url}/oauth/authorize`,
    tokenURL: `${parley.url}/oauth/access_token`,
    store: new Nonces(),
  };
  passport.use(
    new InstagramLoginStrategy(instagramOptions, (accessToken, _refreshToken, profile, done) =>
      done(null, { accessToken, profile }),
    ),
  );
  for (const name of ['facebook', 'instagram']) {
    const scope = name === 'facebook' ? FACEBOOK_SCOPES : INSTAGRAM_SCOPES;
    site.get(`/auth/${name}`, passport.authenticate(name, { session: false, scope }));
    site.get(`/auth/${name}/callback`, (req, res, next) =>
      passport.authenticate(name, { session: false }, outcome(res))(req, res, next),
    );
  }

  const oauth2 = {
    facebook: new AuthorizationCode({
      client: { id: appId, secret: appSecret },
      auth: {
        tokenHost: graph,
        tokenPath: '/v23.0/oauth/access_token',
        authorizePath: '/v23.0/dialog/oauth',
      },
      // The default is HTTP Basic (client_secret_basic); Meta reads client_id and client_secret from the body.
      options: { authorizationMethod: 'body' },
    }),
    instagram: new AuthorizationCode({
      client: { id: appId, secret: appSecret },
      auth: { tokenHost: parley.url, tokenPath: '/oauth/access_token', authorizePath: '/oauth/authorize' },
      options: { authorizationMethod: 'body' },
    }),
  };
  for (const [name, client] of Object.entries(oauth2)) {
    const redirect_uri = `${url}/oauth2/${name}/callback`;
    const scope = name === 'facebook' ? FACEBOOK_SCOPES : INSTAGRAM_SCOPES;
    site.get(`/oauth2/${name}`, (_req, res) =>
      res.redirect(client.authorizeURL({ redirect_uri, scope, state: 'oauth2-state' })),
    );
    site.get(`/oauth2/${name}/callback`, async (req, res) => {
      try {
        const token = await client.getToken({ code: String(req.query.code), redirect_uri });
        res.json({ token: token.token, state: req.query.state });
      } catch (error: any) {
        res.status(502).json({ status: error.output?.statusCode, payload: error.data?.payload });
      }
    });
  }
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const site = await startSite();
beforeEach(() => parley.reset());
afterAll(() => Promise.all([parley.close(), site.close()]));

/** The site's start route: where it sends the browser (Parley's dialog). */
async function startAt(path: string): Promise<URL> {
  const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

const approveNext = (login: 'facebook' | 'instagram', decision: 'approve' | 'deny' = 'approve') =>
  parley.sandbox.call('approveLogin', { body: { app_id: appId, user_id: ROBIN, login, decision } });

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as any };
};

const sendFromPage = (pageToken: string, psid: string, text: string) =>
  fetch(`${graph}/${PAGE}/messages?access_token=${pageToken}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text } }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe('passport-facebook', () => {
  it('logs in through the consent page, then reads the Pages and messages a person from one', async () => {
    const dialog = await startAt('/auth/facebook');
    expect(`${dialog.origin}${dialog.pathname}`).toBe(`${graph}/dialog/oauth`);
    expect(Object.fromEntries(dialog.searchParams)).toMatchObject({
      client_id: appId,
      redirect_uri: `${site.url}/auth/facebook/callback`,
      response_type: 'code',
      scope: FACEBOOK_SCOPES.join(','),
      state: expect.stringMatching(/^[0-9a-f]{24}$/),
    });

    const { response, urls } = await consent(dialog.toString(), ROBIN, 'approve');
    const callback = new URL(urls.at(-1)!);
    expect(callback.pathname).toBe('/auth/facebook/callback');
    expect(callback.searchParams.get('state')).toBe(dialog.searchParams.get('state'));
    const { user } = (await response.json()) as any;
    expect(response.status).toBe(200);
    expect(user.profile).toMatchObject({ provider: 'facebook', displayName: 'Robin Ellis' });

    const me = await get(`${graph}/me?access_token=${user.accessToken}`);
    expect(me.body).toEqual({ name: 'Robin Ellis', id: user.profile.id });
    const accounts = await get(`${graph}/me/accounts?access_token=${user.accessToken}`);
    expect(accounts.body.data).toEqual([
      expect.objectContaining({ id: PAGE, name: 'Parley Coffee', access_token: expect.any(String) }),
    ]);
    const pageToken: string = accounts.body.data[0].access_token;

    // Mina's last Messenger message to the Page is a day old: the 24-hour window is closed until she writes.
    const late = await sendFromPage(pageToken, MINA_PSID, 'Sorry for the wait!');
    expect(late.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    await parley.people.mina.says('Any news on the cupping class?', { to: PAGE });
    const sent = await sendFromPage(pageToken, MINA_PSID, 'Two seats left on Saturday!');
    expect(sent).toMatchObject({
      status: 200,
      body: { recipient_id: MINA_PSID, message_id: expect.any(String) },
    });
    const message = await get(`${graph}/${sent.body.message_id}?fields=message&access_token=${pageToken}`);
    expect(message.body.message).toBe('Two seats left on Saturday!');
  });

  it('logs in at once when approved through the sandbox; the long-lived token’s Page tokens never expire', async () => {
    await approveNext('facebook');
    const { response, urls } = await browse((await startAt('/auth/facebook')).toString());
    expect(urls).toHaveLength(2);
    const { user } = (await response.json()) as any;

    const exchange = new URLSearchParams({
      grant_type: 'fb_exchange_token',
      client_id: appId,
      client_secret: appSecret,
      fb_exchange_token: user.accessToken,
    });
    const long = await get(`${graph}/oauth/access_token?${exchange}`);
    expect(long.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    const accounts = await get(`${graph}/me/accounts?access_token=${long.body.access_token}`);
    const debug = await get(
      `${graph}/debug_token?input_token=${accounts.body.data[0].access_token}&access_token=${appId}|${appSecret}`,
    );
    expect(debug.body.data).toMatchObject({ type: 'PAGE', profile_id: PAGE, expires_at: 0, is_valid: true });
  });

  it('reports a cancelled login as a failure, from the sandbox’s decision or the page’s Cancel', async () => {
    await approveNext('facebook', 'deny');
    const denied = await browse((await startAt('/auth/facebook')).toString());
    expect(new URL(denied.urls.at(-1)!).searchParams.get('error')).toBe('access_denied');
    expect(denied.response.status).toBe(401);
    expect(await denied.response.json()).toEqual({ failed: { message: 'Permissions error' } });

    const cancelled = await consent((await startAt('/auth/facebook')).toString(), ROBIN, 'deny');
    expect(Object.fromEntries(new URL(cancelled.urls.at(-1)!).searchParams)).toMatchObject({
      error: 'access_denied',
      error_code: '200',
      error_reason: 'user_denied',
    });
    expect(await cancelled.response.json()).toEqual({ failed: { message: 'Permissions error' } });
  });
});

describe('passport-instagram', () => {
  it('logs in through the authorize page, then exchanges the token for a long-lived one and refreshes it', async () => {
    const authorize = await startAt('/auth/instagram');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${parley.url}/oauth/authorize`);
    expect(authorize.searchParams.get('scope')).toBe(INSTAGRAM_SCOPES.join(' '));

    const { response, urls } = await consent(authorize.toString(), ROBIN, 'approve');
    expect(new URL(urls.at(-1)!).pathname).toBe('/auth/instagram/callback');
    const { user } = (await response.json()) as any;
    expect(user.profile).toMatchObject({ provider: 'instagram', id: SHOP, username: 'parley.coffee' });

    const exchange = new URLSearchParams({
      grant_type: 'ig_exchange_token',
      client_secret: appSecret,
      access_token: user.accessToken,
    });
    const long = await get(`${parley.url}/access_token?${exchange}`);
    expect(long.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 5183944,
    });

    const refresh = `${parley.url}/refresh_access_token?grant_type=ig_refresh_token&access_token=${long.body.access_token}`;
    expect((await get(refresh)).status).toBe(400); // not a day old yet
    await parley.clock.advance('25h');
    const refreshed = await get(refresh);
    expect(refreshed.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 5183944,
    });
    const me = await get(`${graph}/me?fields=user_id,username&access_token=${refreshed.body.access_token}`);
    expect(me.body).toMatchObject({ user_id: SHOP, username: 'parley.coffee' });
  });
});

describe('simple-oauth2', () => {
  it('gets a Facebook Login token for a code, and refuses the code a second time', async () => {
    await approveNext('facebook');
    const { response, urls } = await browse(`${site.url}/oauth2/facebook`);
    expect(urls[1]).toMatch(`${graph}/dialog/oauth?`);
    expect(await response.json()).toEqual({
      token: {
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: expect.any(String),
      },
      state: 'oauth2-state',
    });

    // The person reloads the callback page: the code was spent.
    const again = await fetch(urls.at(-1)!);
    expect(await again.json()).toEqual({
      status: 400,
      payload: {
        error: expect.objectContaining({ type: 'OAuthException', code: 100, error_subcode: 36009 }),
      },
    });
  });

  it('gets an Instagram Login token for a code, and refuses the code a second time', async () => {
    await approveNext('instagram');
    const { response, urls } = await browse(`${site.url}/oauth2/instagram`);
    expect(urls[1]).toMatch(`${parley.url}/oauth/authorize?`);
    const { token } = (await response.json()) as any;
    expect(token).toEqual({
      access_token: expect.any(String),
      user_id: '37350001234567890', // app-scoped; /me's user_id is the account's id
      permissions: INSTAGRAM_SCOPES,
    });
    const me = await get(`${graph}/me?fields=user_id,username&access_token=${token.access_token}`);
    expect(me.body).toMatchObject({ user_id: SHOP, username: 'parley.coffee' });

    const again = await fetch(urls.at(-1)!);
    expect(await again.json()).toEqual({
      status: 400,
      payload: { error_type: 'OAuthException', code: 400, error_message: expect.any(String) },
    });
  });
});
