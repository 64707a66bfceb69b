/**
 * Graph reads parameters from the query string and, for POST and DELETE, from a form, multipart or JSON
 * body (spec §1.4). They merge into one record; the body wins where both name a parameter.
 */
import { GraphError } from '@parley/protocol';
import type { Context } from 'hono';
import { refuseUnreadable } from '../core/params.ts';
import { parseJsonObject } from './json-body.ts';

export type Params = Record<string, unknown>;

function queryParams(url: URL): Params {
  const params: Params = {};
  for (const [key, value] of url.searchParams) params[key] = value;
  return params;
}

async function bodyParams(c: Context): Promise<Params> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    return parseJsonObject(await c.req.text(), (detail) => new GraphError('invalidParameter', { detail }));
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    try {
      return (await c.req.parseBody()) as Params;
    } catch {
      throw new GraphError('invalidParameter', { detail: 'The request body could not be parsed' });
    }
  }
  return {};
}

export async function readParams(c: Context, url: URL): Promise<Params> {
  const query = queryParams(url);
  const params =
    c.req.method === 'GET' || c.req.method === 'HEAD' ? query : { ...query, ...(await bodyParams(c)) };
  refuseUnreadable(params, '');
  return params;
}

/** The access token from `Authorization: Bearer`, or the `access_token` parameter. */
export function readAccessToken(c: Context, params: Params): string | undefined {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^(?:Bearer|OAuth)\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const param = params.access_token;
  return typeof param === 'string' && param !== '' ? param : undefined;
}
