/**
 * What Node's HTTP server knows of a request under Hono's, when Parley runs on it (a batch's own requests
 * have none). Reading the adapter's request headers or body instead makes it build a whole WHATWG Request,
 * which cost a send half again its CPU.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Context } from 'hono';

function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** The request's headers as Node parsed them. */
export function nodeHeaders(c: Context): IncomingHttpHeaders | undefined {
  return incomingOf(c)?.headers;
}

/** The client closed its connection before the whole request arrived: a failure to read it is not Parley's. */
export function clientWentAway(c: Context): boolean {
  const incoming = incomingOf(c);
  return incoming !== undefined && !incoming.complete && (incoming.destroyed || incoming.readableAborted);
}
