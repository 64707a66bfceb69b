/** Writes Graph responses as Meta does: its headers, its JSON bytes, its error envelope. */
import type { Logger } from '../core/logger.ts';
import { GraphError, metaJson, type ApiFamily } from '@parley/protocol';
import { newId } from '../graph/ids.ts';

export function graphHeaders(version: string, traceId: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=UTF-8',
    'facebook-api-version': version,
    'x-fb-trace-id': traceId,
    'x-fb-request-id': newId.fbtrace(),
    'x-fb-rev': '1029384756',
    'cache-control': 'private, no-cache, no-store, must-revalidate',
    expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
    pragma: 'no-cache',
    'access-control-allow-origin': '*',
  };
}

/** A database that cannot be reached or is busy: worth retrying, like Meta's code 2. */
function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|SQLITE_BUSY|SQLITE_LOCKED|SQLITE_IOERR\w*|08\w{3}|57P\d\d)$/.test(
      code,
    )
  ) {
    return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|is not queryable/.test(
    String(message),
  );
}

/**
 * A response with plain headers. Built directly (not through Hono's context) so the Node adapter writes it
 * without constructing a WHATWG Headers object, a measurable cost on every request.
 */
export function jsonResponse(text: string, status: number, headers: Record<string, string>): Response {
  return new Response(text, { status, headers });
}

/**
 * Any failure as a GraphError: unexpected ones are logged and answered as Meta's code 1 (or 2), never a stack
 * trace. When the client went away mid-request, reading its request failed: worth a debug line, no more.
 */
export function asGraphError(error: unknown, logger: Logger, clientGone = false): GraphError {
  if (error instanceof GraphError) return error;
  if (clientGone) {
    logger.debug({ err: error }, 'the client closed the connection before its request was read');
    return new GraphError('unknownError');
  }
  const unavailable = isUnavailable(error);
  logger.error({ err: error }, unavailable ? 'database unavailable' : 'unexpected error');
  return new GraphError(unavailable ? 'serviceUnavailable' : 'unknownError');
}

export function errorResponse(
  error: GraphError,
  options: {
    family: ApiFamily;
    version?: string;
    traceId: string;
    suppressHttpCode?: boolean;
    headers?: Record<string, string>;
  },
): Response {
  const headers = { ...graphHeaders(options.version ?? 'v21.0', options.traceId), ...options.headers };
  const auth = error.wwwAuthenticate();
  if (auth) headers['www-authenticate'] = auth;
  const status = options.suppressHttpCode ? 200 : error.status;
  return jsonResponse(metaJson(error.toEnvelope(options.family, options.traceId)), status, headers);
}
