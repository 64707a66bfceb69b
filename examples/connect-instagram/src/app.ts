/**
 * "Connect your Instagram account": a small site that runs Instagram Login (the Instagram API with Instagram
 * Login), trades the code for a short-lived token, that one for a long-lived token, and shows the account it
 * was granted. Nothing in it knows about Parley: its three hosts are Meta's unless it is given another base.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';

/** Where Instagram Login lives: Meta's three hosts, or one base that serves them all (Parley's). */
export interface InstagramHosts {
  /** The authorize page the person is sent to: https://www.instagram.com. */
  readonly authorize: string;
  /** The code exchange: https://api.instagram.com. */
  readonly api: string;
  /** The Graph API: https://graph.instagram.com. */
  readonly graph: string;
}

export const META_HOSTS: InstagramHosts = {
  authorize: 'https://www.instagram.com',
  api: 'https://api.instagram.com',
  graph: 'https://graph.instagram.com',
};

/** Meta's hosts, or every one of them at `base` (an emulator such as Parley). */
export const hostsAt = (base?: string): InstagramHosts =>
  base ? { authorize: base, api: base, graph: base } : META_HOSTS;

export interface ConnectConfig {
  readonly hosts: InstagramHosts;
  /** The Instagram app's id and secret (App Dashboard › Instagram › API setup with Instagram login). */
  readonly appId: string;
  readonly appSecret: string;
  /** Where this site is reached from a browser; the redirect URI is `${publicUrl}/callback`. Default: its own. */
  readonly publicUrl?: string;
  readonly port?: number;
  readonly scopes?: readonly string[];
}

/** An account connected to this site, with the long-lived token it keeps for it. */
export interface Connection {
  readonly userId: string;
  readonly username: string;
  readonly accessToken: string;
  readonly expiresAt: Date;
}

export interface ConnectSite {
  readonly url: string;
  readonly connections: readonly Connection[];
  close(): Promise<void>;
}

const STATE_COOKIE = 'connect_state';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Connect your Instagram account</title>
<style>body{font:16px system-ui,sans-serif;max-width:560px;margin:48px auto;padding:0 16px}
a.button{display:inline-block;padding:10px 18px;border-radius:8px;background:#d62976;color:#fff;text-decoration:none}
.error{color:#b00020}</style></head><body><h1>Connect your Instagram account</h1>${body}</body></html>`;

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A JSON answer from Instagram, or its error message (api.instagram.com's or the Graph API's envelope). */
async function instagram<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { error_message?: string; error?: { message?: string } };
  if (!response.ok) throw new Error(body.error_message ?? body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

export async function startConnectSite(config: ConnectConfig): Promise<ConnectSite> {
  const { hosts, appId, appSecret } = config;
  const scopes = config.scopes ?? ['instagram_business_basic', 'instagram_business_manage_messages'];
  const connections: Connection[] = [];
  const app = express();
  let redirectUri = '';

  app.get('/', (req, res) => {
    const list = connections
      .map((c) => `<li>@${escape(c.username)}, token until ${c.expiresAt.toISOString().slice(0, 10)}</li>`)
      .join('');
    const problem =
      typeof req.query.error === 'string' ? `<p class="error">${escape(req.query.error)}</p>` : '';
    res.type('html').send(
      page(`${problem}${list ? `<p>Connected:</p><ul>${list}</ul>` : '<p>No account connected yet.</p>'}
<p><a class="button" href="/connect">Connect your Instagram account</a></p>`),
    );
  });

  // Step 1: off to Instagram's authorize page, with a state only this browser holds.
  app.get('/connect', (_req, res) => {
    const state = randomBytes(16).toString('base64url');
    const url = new URL('/oauth/authorize', hosts.authorize);
    url.search = new URLSearchParams({
      client_id: appId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: scopes.join(','),
      state,
    }).toString();
    res.cookie(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', maxAge: 10 * 60_000 });
    res.redirect(url.toString());
  });

  // Step 2: back from Instagram with a code (or a refusal), traded for a token, then a long-lived one.
  app.get('/callback', async (req, res) => {
    const { code, state, error_reason } = req.query;
    const expected = cookieOf(req, STATE_COOKIE);
    res.clearCookie(STATE_COOKIE);
    if (typeof state !== 'string' || !expected || !sameText(state, expected)) {
      res
        .status(400)
        .type('html')
        .send(page('<p class="error">This login did not start here. Try again.</p>'));
      return;
    }
    if (typeof code !== 'string') {
      const why =
        error_reason === 'user_denied' ? 'You cancelled the connection.' : 'Instagram refused the login.';
      res.redirect(`/?error=${encodeURIComponent(why)}`);
      return;
    }
    try {
      connections.push(await connect(code));
      res.redirect('/');
    } catch (error) {
      res.redirect(`/?error=${encodeURIComponent(`Instagram said: ${(error as Error).message}`)}`);
    }
  });

  async function connect(code: string): Promise<Connection> {
    const short = await instagram<{ access_token: string }>(
      await fetch(new URL('/oauth/access_token', hosts.api), {
        method: 'POST',
        body: new URLSearchParams({
          client_id: appId,
          client_secret: appSecret,
          grant_type: 'authorization_code',
          redirect_uri: redirectUri,
          code,
        }),
      }),
    );
    const exchange = new URL('/access_token', hosts.graph);
    exchange.search = new URLSearchParams({
      grant_type: 'ig_exchange_token',
      client_secret: appSecret,
      access_token: short.access_token,
    }).toString();
    const long = await instagram<{ access_token: string; expires_in: number }>(await fetch(exchange));
    const me = await instagram<{ user_id: string; username: string }>(
      await fetch(new URL('/v23.0/me?fields=user_id,username', hosts.graph), {
        headers: { authorization: `Bearer ${long.access_token}` },
      }),
    );
    return {
      userId: me.user_id,
      username: me.username,
      accessToken: long.access_token,
      expiresAt: new Date(Date.now() + long.expires_in * 1000),
    };
  }

  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirectUri = `${config.publicUrl ?? url}/callback`;
  return {
    url,
    connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
