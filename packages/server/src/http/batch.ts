/**
 * Batch requests (spec §13.1): `POST /` with `batch=[{method, relative_url, body?, name?, depends_on?,
 * omit_response_on_success?}]`, at most 50, run in order through the same pipeline as any request.
 * Named results feed later requests through `{result=name:$.path}`.
 */
import { GraphError } from '@parley/protocol';
import { listParam, type Params } from '../core/params.ts';

export const MAX_BATCH = 50;

const VERSIONED = /^\/v\d+\.\d+(?=[/?]|$)/;

/** A batch's answers carry Graph's older content type, and headers under their usual spelling. */
const BATCH_CONTENT_TYPE = 'text/javascript; charset=UTF-8';
const HEADER_NAMES: Readonly<Record<string, string>> = {
  'content-type': 'Content-Type',
  'facebook-api-version': 'Facebook-API-Version',
  'x-app-usage': 'X-App-Usage',
  'x-business-use-case-usage': 'X-Business-Use-Case-Usage',
  'cache-control': 'Cache-Control',
  expires: 'Expires',
  pragma: 'Pragma',
  'access-control-allow-origin': 'Access-Control-Allow-Origin',
  'www-authenticate': 'WWW-Authenticate',
};

/** One request through Parley itself: method, path with query, form body, headers. */
export type SubRequest = (
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
) => Promise<Response>;

interface BatchItem {
  method: string;
  relativeUrl: string;
  body?: string;
  name?: string;
  dependsOn?: string;
  omitResponseOnSuccess: boolean;
}

export interface BatchAnswer {
  code: number;
  headers?: { name: string; value: string }[];
  body: string;
}

function readItem(raw: unknown, index: number): BatchItem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GraphError('invalidParameter', { detail: `Param batch[${index}] must be a JSON object` });
  }
  const item = raw as Record<string, unknown>;
  if (typeof item.relative_url !== 'string' || item.relative_url === '') {
    throw new GraphError('parameterRequired', { name: `batch[${index}][relative_url]` });
  }
  const body =
    typeof item.body === 'string'
      ? item.body
      : item.body && typeof item.body === 'object'
        ? new URLSearchParams(
            Object.entries(item.body).map(([k, v]): [string, string] => [
              k,
              typeof v === 'string' ? v : JSON.stringify(v),
            ]),
          ).toString()
        : undefined;
  return {
    method: String(item.method ?? 'GET').toUpperCase(),
    relativeUrl: item.relative_url,
    ...(body !== undefined && { body }),
    ...(typeof item.name === 'string' && { name: item.name }),
    ...(typeof item.depends_on === 'string' && { dependsOn: item.depends_on }),
    omitResponseOnSuccess: item.omit_response_on_success === true || item.omit_response_on_success === 'true',
  };
}

/** `$.a.b.0.c` into a named result; `*` over arrays joins the values with commas. */
function jsonPath(value: unknown, path: string): string {
  const parts = path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean);
  const walk = (v: unknown, i: number): unknown[] => {
    if (i === parts.length) return [v];
    const part = parts[i]!;
    if (part === '*' && Array.isArray(v)) return v.flatMap((x) => walk(x, i + 1));
    if (v === null || typeof v !== 'object') return [];
    return walk((v as Record<string, unknown>)[part], i + 1);
  };
  return walk(value, 0)
    .filter((v) => v !== undefined)
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)))
    .join(',');
}

function substitute(text: string, results: ReadonlyMap<string, unknown>): string {
  return text.replace(/\{result=([^:}]+):([^}]*)\}/g, (whole, name: string, path: string) =>
    results.has(name) ? encodeURIComponent(jsonPath(results.get(name), path)) : whole,
  );
}

/** Names and values of a sub-request's headers as Meta writes them in a batch (spec §13.1, §13.3). */
function batchHeaders(response: Response): { name: string; value: string }[] {
  return [...response.headers].map(([name, value]) => ({
    name: HEADER_NAMES[name] ?? name,
    value: name === 'content-type' ? BATCH_CONTENT_TYPE : value,
  }));
}

/**
 * Runs a batch. `version` is the one the batch is answered as (the one it was posted to, or the default);
 * `defaultToken` the batch's own token, for requests that carry none.
 */
export async function runBatch(
  params: Params,
  subrequest: SubRequest,
  defaultToken: string | undefined,
  version: string,
): Promise<(BatchAnswer | null)[]> {
  const raw = listParam(params, 'batch');
  if (!raw) throw new GraphError('parameterRequired', { name: 'batch' });
  if (raw.length > MAX_BATCH) throw new GraphError('batchTooLarge');
  const items = raw.map(readItem);
  const includeHeaders = String(params.include_headers ?? 'true') !== 'false';
  const results = new Map<string, unknown>();
  const failed = new Set<string>();
  const answers: (BatchAnswer | null)[] = [];

  for (const item of items) {
    if (item.dependsOn && (failed.has(item.dependsOn) || !results.has(item.dependsOn))) {
      if (item.name) failed.add(item.name);
      answers.push(null);
      continue;
    }
    let path = '/' + substitute(item.relativeUrl, results).replace(/^\/+/, '');
    // A batch posted to /vX/ runs its requests as vX, unless one names its own version.
    if (!VERSIONED.test(path)) path = `/${version}${path}`;
    let body = item.body === undefined ? undefined : substitute(item.body, results);
    // A GET carries no body: its body's parameters join the query, where a GET's are read.
    if (body !== undefined && (item.method === 'GET' || item.method === 'HEAD')) {
      if (body !== '') path += `${path.includes('?') ? '&' : '?'}${body}`;
      body = undefined;
    }
    const hasToken = /[?&]access_token=/.test(path) || /(^|&)access_token=/.test(body ?? '');
    if (!hasToken && defaultToken)
      path += `${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(defaultToken)}`;
    const response = await subrequest(
      item.method,
      path,
      body,
      body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
    );
    const text = await response.text();
    const ok = response.status >= 200 && response.status < 300;
    if (item.name) {
      if (ok) results.set(item.name, JSON.parse(text));
      else failed.add(item.name);
    }
    if (ok && item.omitResponseOnSuccess) {
      answers.push(null);
      continue;
    }
    answers.push({
      code: response.status,
      ...(includeHeaders && { headers: batchHeaders(response) }),
      body: text,
    });
  }
  return answers;
}
