/** Small HTTP clients for tests: the Graph API as a bot calls it, and the sandbox as a test drives it. */
import { request } from 'node:http';

export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

interface CallInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | URLSearchParams;
}

/** One HTTP request with node:http (fetch will not send a custom Host header, which tests need). */
export function call(url: string, init: CallInit = {}): Promise<HttpResult> {
  const body = init.body === undefined ? undefined : String(init.body);
  const headers: Record<string, string> = {
    ...(init.body instanceof URLSearchParams && { 'content-type': 'application/x-www-form-urlencoded' }),
    ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
    ...init.headers,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, maxHeaderSize: 256 * 1024 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text, headers: responseHeaders });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface GraphOptions {
  readonly token?: string;
  /** Send the token as `Authorization: Bearer` instead of the access_token parameter. */
  readonly bearer?: boolean;
  readonly host?: string;
  readonly headers?: Record<string, string>;
}

export class GraphClient {
  constructor(readonly baseUrl: string) {}

  url(
    path: string,
    params: Record<string, string | number | undefined> = {},
    options: GraphOptions = {},
  ): string {
    const url = new URL(path, this.baseUrl);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    if (options.token && !options.bearer) url.searchParams.set('access_token', options.token);
    return url.toString();
  }

  private headers(options: GraphOptions): Record<string, string> {
    return {
      ...(options.host && { host: options.host }),
      ...(options.token && options.bearer && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    };
  }

  get(path: string, params: Record<string, string | number | undefined> = {}, options: GraphOptions = {}) {
    return call(this.url(path, params, options), { headers: this.headers(options) });
  }

  /** A DELETE, its parameters in the query string as Graph clients send them. */
  delete(path: string, params: Record<string, string | number | undefined> = {}, options: GraphOptions = {}) {
    return call(this.url(path, params, options), { method: 'DELETE', headers: this.headers(options) });
  }

  /** GET an absolute URL as returned in `paging.next`/`previous`. */
  follow(absoluteUrl: string, options: GraphOptions = {}) {
    return call(absoluteUrl, { headers: this.headers(options) });
  }

  post(path: string, body: Record<string, unknown>, options: GraphOptions & { form?: boolean } = {}) {
    const headers = this.headers(options);
    if (options.form) {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) form.set(k, typeof v === 'string' ? v : JSON.stringify(v));
      if (options.token && !options.bearer) form.set('access_token', options.token);
      return call(new URL(path, this.baseUrl).toString(), { method: 'POST', headers, body: form });
    }
    const json = options.token && !options.bearer ? { ...body, access_token: options.token } : body;
    return call(new URL(path, this.baseUrl).toString(), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }
}

let unique = 0;
/** A name no other test in this run uses. */
export function uniqueName(prefix: string): string {
  unique += 1;
  return `${prefix}_${process.pid}_${unique}_${Math.random().toString(36).slice(2, 6)}`;
}

export class SandboxClient {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken?: string,
  ) {}

  raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return call(new URL(`/_parley${path}`, this.baseUrl).toString(), {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.adminToken && { authorization: `Bearer ${this.adminToken}` }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  }

  /** Calls the sandbox and fails the test with the error envelope unless it answers 200. */
  async do<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await this.raw(method, path, body);
    if (result.status !== 200)
      throw new Error(`${method} /_parley${path} -> ${result.status} ${result.text}`);
    return result.body as T;
  }

  createApp(input: Record<string, unknown> = {}) {
    return this.do('POST', '/apps', { name: uniqueName('app'), ...input });
  }
  instagramAccount(input: Record<string, unknown> = {}) {
    return this.do('POST', '/accounts', {
      type: 'instagram',
      username: uniqueName('shop').slice(0, 30),
      ...input,
    });
  }
  page(input: Record<string, unknown> = {}) {
    return this.do('POST', '/accounts', { type: 'page', name: uniqueName('Page'), ...input });
  }
  user(input: Record<string, unknown> = {}) {
    return this.do('POST', '/users', { username: uniqueName('user').slice(0, 30), ...input });
  }
  follow(userId: string, accountId: string) {
    return this.do('POST', '/follows', { user_id: userId, account_id: accountId });
  }
  token(appId: string, accountId: string, input: Record<string, unknown> = {}) {
    return this.do('POST', '/tokens', { app_id: appId, account_id: accountId, ...input });
  }
  send(userId: string, to: string, text: string, input: Record<string, unknown> = {}) {
    return this.do('POST', `/users/${userId}/messages`, { to, text, ...input });
  }
  advanceClock(seconds: number) {
    return this.do('POST', '/clock', { advance_seconds: seconds });
  }
}

/** An app with an Instagram account, a Page linked to it, and a token for each. */
export async function createBusiness(sandbox: SandboxClient, appInput: Record<string, unknown> = {}) {
  const app = await sandbox.createApp(appInput);
  const ig = await sandbox.instagramAccount();
  const page = await sandbox.page({ instagram_account_id: ig.id });
  const igToken = (await sandbox.token(app.id, ig.id)).access_token as string;
  const pageToken = (await sandbox.token(app.id, page.id)).access_token as string;
  return { app, ig, page, igToken, pageToken };
}
