/**
 * The Graph API over HTTP: every path outside `/_parley`. It reads the request as Graph does (version
 * prefix, `me`, token in query/body/Bearer, `method=` override, `suppress_http_code`), authenticates,
 * dispatches to the nodes, and answers with Meta's bytes and headers.
 */
import { GraphError, metaJson, type ApiFamily } from '@parley/protocol';
import type { Context } from 'hono';
import { authenticate, familyOfToken, type ResolvedToken } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { CursorCodec } from '../graph/cursor-codec.ts';
import { graphVersion, parseGraphPath } from '../graph/graph-path.ts';
import { newId } from '../graph/ids.ts';
import type { Auth, GraphContext } from '../core/context.ts';
import type { RateLimiter } from '../rate-limits/rate-limiter.ts';
import type { RateCategory } from '../rate-limits/rate-limit-rules.ts';
import { throttleAccount, throttleApp, UsageReport } from '../rate-limits/throttle.ts';
import type { Platform } from '../store/schema.ts';
import type { CdnSigner } from '../send/media/cdn.ts';
import { dispatch, type GraphMethod } from '../api/dispatch.ts';
import type { Store } from '../store/store.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { MediaFetcher } from '../outbound/media-fetcher.ts';
import { publicOrigin, withQuery } from './public-url.ts';
import { readAccessToken, readParams, type Params } from './request-params.ts';
import { runBatch, type SubRequest } from './batch.ts';
import { asGraphError, errorResponse, graphHeaders, jsonResponse } from './respond.ts';
import { GRAPH_REQUEST, type Logger } from '../core/logger.ts';
import type { ApiLog } from './api-log.ts';
import type { Revocations } from '../login/revoke.ts';
import { clientWentAway } from './node-request.ts';

export interface GraphDeps {
  /** Runs one request through the whole app (for batch requests). */
  readonly subrequest: SubRequest;
  /** Whether a request is one a batch made (batches do not nest). */
  isBatchItem(request: Request): boolean;
  readonly limiter: RateLimiter;
  readonly cdn: CdnSigner;
  readonly store: Store;
  readonly clock: Clock;
  readonly config: ParleyConfig;
  readonly codec: CursorCodec;
  readonly logger: Logger;
  readonly webhooks: Webhooks;
  readonly mediaFetcher: MediaFetcher;
  /** Where each call is kept for the console. */
  readonly apiLog: ApiLog;
  readonly revocations: Revocations;
  /** Resolves a token (through the cache). */
  readonly lookup: (token: string) => Promise<ResolvedToken | undefined>;
}

/** What answering a request learned, for its log line and the API log. */
interface Caller {
  token?: string;
  params?: Params;
  answer?: string;
  usage?: Record<string, string>;
}

export function familyOfHost(host: string | undefined): ApiFamily | undefined {
  const name = host?.toLowerCase().replace(/:\d+$/, '');
  if (name === 'graph.instagram.com') return 'instagram';
  if (name === 'graph.facebook.com') return 'facebook';
  return undefined;
}

/** The verb a request means: Graph lets a GET carry `method=post|delete` (its JS SDK does). */
function graphMethod(httpMethod: string, override: unknown, id: string | undefined): GraphMethod {
  const method = typeof override === 'string' && override !== '' ? override.toUpperCase() : httpMethod;
  if (method === 'GET' || method === 'POST' || method === 'DELETE') return method;
  if (method === 'HEAD') return 'GET';
  throw new GraphError('unsupportedRequest', { method: method.toLowerCase(), id: id ?? '' });
}

const PAGING_PARAMS = new Set(['after', 'before', 'limit']);

/** Characters the form encoding of a query leaves as they are. */
const FORM_SAFE = /^[\w*.-]*$/;

/**
 * A paging link to the request's own path: its query's parameters but the paging ones, then `paging`'s.
 * Tokens, cursors and limits need no encoding, so the query is joined as it is, unless a parameter repeats
 * or needs encoding: then URLSearchParams writes it.
 */
function pagingLink(base: string, url: URL, paging: Readonly<Record<string, unknown>>): string {
  const keys: string[] = [];
  let query = '';
  for (const [key, value] of url.searchParams) {
    if (PAGING_PARAMS.has(key)) continue;
    if (keys.includes(key) || !FORM_SAFE.test(key) || !FORM_SAFE.test(value)) {
      return encodedLink(base, url, paging);
    }
    keys.push(key);
    query += `${query ? '&' : ''}${key}=${value}`;
  }
  for (const [key, value] of Object.entries(paging)) {
    if (value === undefined) continue;
    const text = String(value);
    if (!FORM_SAFE.test(text)) return encodedLink(base, url, paging);
    query += `${query ? '&' : ''}${key}=${text}`;
  }
  return `${base}?${query}`;
}

function encodedLink(base: string, url: URL, paging: Readonly<Record<string, unknown>>): string {
  const query = new URLSearchParams();
  for (const [key, value] of url.searchParams) if (!PAGING_PARAMS.has(key)) query.set(key, value);
  for (const [key, value] of Object.entries(paging)) if (value !== undefined) query.set(key, String(value));
  return `${base}?${query}`;
}

interface RequestFacts {
  readonly url: URL;
  readonly host: string | undefined;
  readonly forwardedProto: string | undefined;
  readonly family: ApiFamily;
  readonly version: string;
  readonly auth: Auth;
  readonly now: number;
  readonly usage: UsageReport;
}

/**
 * What the nodes see of this request; links are written on the host and version the client used. A class, so
 * that a request allocates one object rather than a closure per helper.
 */
class RequestContext implements GraphContext {
  readonly origin: string;
  readonly family: ApiFamily;
  readonly version: string;
  readonly auth: Auth;
  readonly now: number;
  readonly store: Store;
  readonly clock: Clock;
  readonly config: ParleyConfig;
  readonly codec: CursorCodec;
  readonly webhooks: Webhooks;
  readonly mediaFetcher: MediaFetcher;
  readonly revocations: Revocations;
  private readonly queryToken: string | undefined;

  constructor(
    private readonly deps: GraphDeps,
    private readonly facts: RequestFacts,
  ) {
    const { url } = facts;
    this.origin = publicOrigin(url, { host: facts.host, forwardedProto: facts.forwardedProto });
    this.family = facts.family;
    this.version = facts.version;
    this.auth = facts.auth;
    this.now = facts.now;
    this.store = deps.store;
    this.clock = deps.clock;
    this.config = deps.config;
    this.codec = deps.codec;
    this.webhooks = deps.webhooks;
    this.mediaFetcher = deps.mediaFetcher;
    this.revocations = deps.revocations;
    this.queryToken = url.searchParams.get('access_token') ?? undefined;
  }

  throttle(category: RateCategory, accountId: string, platform: Platform): void {
    throttleAccount(
      this.deps.limiter,
      this.facts.usage,
      this.family,
      this.now,
      category,
      accountId,
      platform,
    );
  }

  mediaUrl(assetId: string): string {
    return this.deps.cdn.url(this.origin, assetId, this.now);
  }

  edgeUrl(nodeId: string, edge: string, params: Readonly<Record<string, unknown>>): string {
    const base = `${this.origin}/${this.version}/${nodeId}/${edge}`;
    return withQuery(base, { access_token: this.queryToken, ...params });
  }
}

export function graphHandler(deps: GraphDeps) {
  const { lookup } = deps;

  /** Answers one request; `caller` learns its token's kind, its parameters and its answer. */
  const answer = async (c: Context, caller: Caller): Promise<Response> => {
    const traceId = newId.fbtrace();
    const url = new URL(c.req.url);
    const host = c.req.header('host');
    const hostFamily = familyOfHost(host);
    // Before the body is read, a token in the header or the query already decides the family of its errors.
    const earlyToken = readAccessToken(c, {
      access_token: url.searchParams.get('access_token') ?? undefined,
    });
    let family: ApiFamily = hostFamily ?? (earlyToken ? familyOfToken(earlyToken) : undefined) ?? 'facebook';
    let version: string | undefined;
    let suppressHttpCode = url.searchParams.get('suppress_http_code') === '1';
    const usage = new UsageReport();
    try {
      version = graphVersion(url.pathname, deps.config.versions);
      const params: Params = await readParams(c, url);
      caller.params = params;
      suppressHttpCode = String(params.suppress_http_code) === '1';
      const token = readAccessToken(c, params);
      family = hostFamily ?? (token ? familyOfToken(token) : undefined) ?? 'facebook';
      const path = parseGraphPath(url.pathname, deps.config.versions);
      version = path.version;
      const method = graphMethod(c.req.method, params.method, path.segments[0]);
      if (path.segments.length === 0 && method === 'POST' && params.batch !== undefined) {
        if (deps.isBatchItem(c.req.raw)) throw new GraphError('batchNested');
        const answers = await runBatch(
          params,
          (m, p, b, h) => deps.subrequest(m, p, b, { ...(host && { host }), ...h }),
          token,
          version,
        );
        caller.answer = metaJson(answers);
        return jsonResponse(caller.answer, 200, graphHeaders(version, traceId));
      }
      const now = deps.clock.now();
      const auth = await authenticate(
        {
          token,
          appsecretProof: typeof params.appsecret_proof === 'string' ? params.appsecret_proof : undefined,
          hostFamily,
          requestsMe: path.segments[0] === 'me',
        },
        lookup,
        now,
      );
      caller.token = auth.kind;
      if (auth.unserved) throw new GraphError('standardAccessUnsupported', { method: method.toLowerCase() });
      family = hostFamily ?? (auth.kind === 'instagram' ? 'instagram' : 'facebook');
      throttleApp(deps.limiter, usage, auth.app.id, now);

      const forwardedProto = c.req.header('x-forwarded-proto');
      const ctx = new RequestContext(deps, { url, host, forwardedProto, family, version, auth, now, usage });
      const selfBase = `${ctx.origin}/${version}/${path.segments.join('/')}`;
      const body = await dispatch(
        {
          method,
          segments: path.segments,
          params,
          // Built only for path edges that page; keeps the request's own parameters but the paging ones. (A
          // method: the TypeScript runner names each arrow function stored in a property as it is made.)
          selfUrl(p) {
            return pagingLink(selfBase, url, p);
          },
        },
        ctx,
      );
      caller.answer = metaJson(body);
      caller.usage = usage.headers();
      return jsonResponse(caller.answer, 200, { ...graphHeaders(version, traceId), ...caller.usage });
    } catch (error) {
      return errorResponse(asGraphError(error, deps.logger, clientWentAway(c)), {
        family,
        version: version ?? deps.config.versions.unversioned,
        traceId,
        suppressHttpCode,
        headers: usage.headers(),
      });
    }
  };

  return async (c: Context): Promise<Response> => {
    const started = performance.now();
    const caller: Caller = {};
    const response = await answer(c, caller);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    deps.logger.info(
      {
        method: c.req.method,
        // The path alone: the query may hold a token.
        path: c.req.path,
        token: caller.token,
        status: response.status,
        ms,
      },
      GRAPH_REQUEST,
    );
    if (deps.apiLog.recording) {
      deps.apiLog.record({
        method: c.req.method,
        path: c.req.path,
        ...(caller.token && { token: caller.token }),
        ...(caller.params && { params: caller.params }),
        status: response.status,
        // An error's envelope is read back from its response (errors are the rare case).
        answer: caller.answer ?? (await response.clone().text()),
        ...(caller.usage && { usage: caller.usage }),
        ms,
        at: Date.now(),
        sandboxAt: deps.clock.now(),
      });
    }
    return response;
  };
}
