/**
 * What keeps web pages away from the sandbox. A browser sends a cross-site POST with a "simple" content type
 * (text/plain, a form) without asking first, and a DNS-rebound name leads a page to 127.0.0.1. So requests a
 * browser marks cross-site, or that come from another origin, are refused; on loopback, so are requests for
 * a host name that is not a loopback one; and a body must be JSON (or YAML, for seeds), which a page cannot
 * send cross-site without a preflight that Parley never grants for the sandbox. curl, the CLI and tests send
 * none of these headers, and a page Parley serves itself is same-origin.
 */
import { GraphError } from '@parley/protocol';
import type { MiddlewareHandler } from 'hono';
import type { ParleyConfig } from '../config.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const YAML_TYPE = /^(?:application|text)\/(?:x-)?yaml$/;

/** The host name of a `Host` header, without its port (`[::1]:4600` → `::1`). */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(host);
  return (bracketed ? bracketed[1]! : host.replace(/:\d*$/, '')).toLowerCase();
}

function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d+){3}$/.test(name)
  );
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return (length !== null && length !== '0') || headers.has('transfer-encoding');
}

export function sandboxGuard(config: ParleyConfig): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (!config.exposed && host !== undefined && !isLoopbackName(hostName(host))) {
      throw new GraphError('sandboxCrossSite', {
        detail: `The sandbox answers requests for loopback host names only, not "${host}"`,
      });
    }
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin && !sameOrigin(origin, host))
    ) {
      throw new GraphError('sandboxCrossSite', { detail: 'The sandbox refuses requests from other sites' });
    }
    // PostgreSQL's text cannot hold NUL: refused in ids and queries alike on both stores (bodies: input.ts).
    if (/%00/i.test(c.req.url)) {
      throw new GraphError('sandboxInvalidRequest', {
        detail: 'The request must not contain NUL characters',
      });
    }
    // A file a person sends (the console's upload): any type, but only with a header no cross-site page may
    // send without a preflight, which the sandbox never grants.
    const upload = c.req.path === '/_parley/uploads' && c.req.header('x-parley-upload') === '1';
    if (hasBody(c.req.raw.headers) && !upload) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const seed = c.req.path.endsWith('/seed');
      if (!JSON_TYPE.test(type) && !(seed && YAML_TYPE.test(type))) {
        throw new GraphError('sandboxMediaType', {
          detail: `Send the body as JSON (Content-Type: application/json${seed ? ', or a YAML type for seeds' : ''})`,
        });
      }
    }
    await next();
  };
}
