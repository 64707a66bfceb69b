/**
 * The web console's files (the @parley/console package's build), served at /console/; a browser opening the
 * root is sent there, while Graph clients (which do not ask for HTML) get the Graph API's answer as before.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono, type Context, type Next } from 'hono';

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/**
 * Its own origin only: scripts, styles and API calls from Parley itself, never framed; media from anywhere,
 * since people's messages carry URLs of their own.
 */
const HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src * data: blob:; media-src * data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function consoleDir(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@parley/console/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

export function consoleFiles(): Hono {
  const dir = consoleDir();
  const files = new Hono();
  const serve = (name: string) => (c: Context) => {
    const type = TYPES[name.split('.').pop() ?? ''];
    let body: Buffer | undefined;
    try {
      body = dir && type ? readFileSync(join(dir, name)) : undefined;
    } catch {
      body = undefined;
    }
    if (!body) return c.text('Not found (is the console built? npm run build)', 404);
    return c.body(new Uint8Array(body), 200, { ...HEADERS, 'content-type': type! });
  };
  files.get('/console', (c) => c.redirect('/console/', 301));
  files.get('/console/', serve('index.html'));
  files.get('/console/:file{[\\w-]+\\.(?:js|css|html|txt)}', (c) => serve(c.req.param('file'))(c));
  return files;
}

/** A browser opening `/` is taken to the console; anything else there is the Graph API's. */
export async function rootToConsole(c: Context, next: Next) {
  const url = new URL(c.req.url);
  if (
    c.req.method === 'GET' &&
    url.pathname === '/' &&
    url.search === '' &&
    c.req.header('accept')?.includes('text/html')
  ) {
    return c.redirect('/console/', 302);
  }
  await next();
}
