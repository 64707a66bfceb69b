/**
 * The token endpoints of both logins and the token debugger:
 * - `/{version}/oauth/access_token` (graph.facebook.com): a code for a short-lived user token,
 *   `fb_exchange_token` for a long-lived one, `client_credentials` for the app token;
 * - `POST /oauth/access_token` (api.instagram.com): Instagram Login's code exchange, in that host's envelope;
 * - `/access_token?grant_type=ig_exchange_token` and `/refresh_access_token` (graph.instagram.com);
 * - `/debug_token` (graph.facebook.com), with an app token.
 */
import { GraphError, metaJson, type ApiFamily } from '@parley/protocol';
import { Hono, type Context } from 'hono';
import { authenticate, looksLikeToken, type ResolvedToken } from '../auth/authenticate.ts';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { newId } from '../graph/ids.ts';
import { debugToken } from '../login/debug-token.ts';
import {
  checkClient,
  exchangeForLongLived,
  findCode,
  FACEBOOK_LOGIN_ERRORS,
  INSTAGRAM_LOGIN_ERRORS,
  issueUserToken,
  redeemCode,
  refreshLongLived,
  required,
  sameSecret,
} from '../login/exchange.ts';
import { grantScopes } from '../login/grants.ts';
import { LONG_LIVED_SECONDS, secondsUntil } from '../login/lifetimes.ts';
import type { TokenRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { clientWentAway } from './node-request.ts';
import { readAccessToken, readParams, type Params } from './request-params.ts';
import { asGraphError, errorResponse, graphHeaders, jsonResponse } from './respond.ts';

export interface LoginTokenDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly config: ParleyConfig;
  readonly logger: Logger;
  readonly lookup: (token: string) => Promise<ResolvedToken | undefined>;
}

const isInstagramApiHost = (host: string | undefined) =>
  host?.toLowerCase().replace(/:\d+$/, '') === 'api.instagram.com';

/** api.instagram.com's own error envelope: `{"error_type","code","error_message"}`. */
function instagramApiError(error: GraphError): Response {
  const body = { error_type: error.spec.type, code: error.status, error_message: error.message };
  return jsonResponse(JSON.stringify(body), error.status, {
    'content-type': 'application/json; charset=UTF-8',
    'cache-control': 'no-store',
  });
}

const bearer = (token: TokenRow, now: number, seconds?: number) => ({
  access_token: token.token,
  token_type: 'bearer',
  expires_in: seconds ?? secondsUntil(token.expires_at!, now),
});

export function loginTokenRoutes(deps: LoginTokenDeps): Hono {
  const { store, clock } = deps;
  const routes = new Hono();

  /**
   * Answers with the Graph envelope of a family (for the code exchange, the family of the code's login); any
   * failure is Meta's error, never a stack trace.
   */
  const graphAnswer =
    (
      family: ApiFamily | ((c: Context, params: Params) => Promise<ApiFamily>),
      work: (c: Context, params: Params, family: ApiFamily) => Promise<unknown>,
    ) =>
    async (c: Context) => {
      const traceId = newId.fbtrace();
      const version = deps.config.versions.unversioned;
      let answeredAs: ApiFamily = typeof family === 'string' ? family : 'facebook';
      try {
        const params = await readParams(c, new URL(c.req.url));
        if (typeof family !== 'string') answeredAs = await family(c, params);
        const body = await work(c, params, answeredAs);
        return jsonResponse(metaJson(body), 200, {
          ...graphHeaders(version, traceId),
          'cache-control': 'no-store',
        });
      } catch (error) {
        const graphError = asGraphError(error, deps.logger, clientWentAway(c));
        if (answeredAs === 'instagram' && graphError.key.startsWith('instagramLogin')) {
          return instagramApiError(graphError);
        }
        return errorResponse(graphError, { family: answeredAs, version, traceId });
      }
    };

  /** Which login a code exchange is for: the code's own, else the host's (api.instagram.com is Instagram's). */
  async function codeFamily(c: Context, params: Params): Promise<ApiFamily> {
    const { grant } = typeof params.code === 'string' ? await findCode(store, params.code) : {};
    return grant?.family ?? (isInstagramApiHost(c.req.header('host')) ? 'instagram' : 'facebook');
  }

  async function facebookToken(params: Params) {
    const now = clock.now();
    const grantType = typeof params.grant_type === 'string' ? params.grant_type : 'authorization_code';
    const app = await checkClient(store, params, FACEBOOK_LOGIN_ERRORS);
    if (grantType === 'client_credentials') return { access_token: app.app_token, token_type: 'bearer' };
    if (grantType === 'fb_exchange_token') {
      const token = required(params, 'fb_exchange_token', FACEBOOK_LOGIN_ERRORS);
      const long = await exchangeForLongLived(store, { app, family: 'facebook', token, now });
      return bearer(long, now, LONG_LIVED_SECONDS);
    }
    if (grantType !== 'authorization_code') throw new GraphError('oauthUnsupportedGrantType', { grantType });
    const code = required(params, 'code', FACEBOOK_LOGIN_ERRORS);
    const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : undefined;
    const grant = await redeemCode(
      store,
      { app, family: 'facebook', code, redirectUri, now },
      FACEBOOK_LOGIN_ERRORS,
    );
    return bearer(await issueUserToken(store, grant, 'short', now), now);
  }

  async function instagramToken(params: Params) {
    const now = clock.now();
    const errors = INSTAGRAM_LOGIN_ERRORS;
    const app = await checkClient(store, params, errors);
    const grantType = required(params, 'grant_type', errors);
    if (grantType !== 'authorization_code')
      throw new GraphError('instagramLoginInvalidGrantType', { grantType });
    const code = required(params, 'code', errors);
    const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : undefined;
    const grant = await redeemCode(store, { app, family: 'instagram', code, redirectUri, now }, errors);
    const token = await issueUserToken(store, grant, 'short', now);
    const account = await store.accounts.get(grant.subject_id);
    return {
      access_token: token.token,
      user_id: account?.app_scoped_id ?? grant.subject_id,
      permissions: grantScopes(grant),
    };
  }

  const tokenEndpoint = graphAnswer(codeFamily, (_c, params, family) =>
    family === 'instagram' ? instagramToken(params) : facebookToken(params),
  );
  for (const path of ['/oauth/access_token', '/:version{v\\d+\\.\\d+}/oauth/access_token']) {
    routes.get(path, tokenEndpoint);
    routes.post(path, tokenEndpoint);
  }

  /** The Instagram token a graph.instagram.com call names, with its app. */
  async function instagramTokenOf(c: Context, params: Params) {
    const token = readAccessToken(c, params);
    if (!token) throw new GraphError('accessTokenRequired');
    const row = looksLikeToken(token) ? await store.tokens.get(token) : undefined;
    const app = row?.kind === 'instagram' ? await store.apps.get(row.app_id) : undefined;
    if (!row || !app) throw new GraphError('invalidAccessToken');
    return { token, app };
  }

  const exchange = graphAnswer('instagram', async (c, params) => {
    if (params.grant_type !== 'ig_exchange_token') {
      throw new GraphError('oauthUnsupportedGrantType', { grantType: String(params.grant_type ?? '') });
    }
    const { token, app } = await instagramTokenOf(c, params);
    const secret = required(params, 'client_secret', FACEBOOK_LOGIN_ERRORS);
    if (!sameSecret(app.secret, secret)) throw new GraphError('oauthInvalidClientSecret');
    const now = clock.now();
    return bearer(
      await exchangeForLongLived(store, { app, family: 'instagram', token, now }),
      now,
      LONG_LIVED_SECONDS,
    );
  });
  const refresh = graphAnswer('instagram', async (c, params) => {
    if (params.grant_type !== 'ig_refresh_token') {
      throw new GraphError('oauthUnsupportedGrantType', { grantType: String(params.grant_type ?? '') });
    }
    const { token, app } = await instagramTokenOf(c, params);
    const now = clock.now();
    return bearer(await refreshLongLived(store, { app, token, now }), now, LONG_LIVED_SECONDS);
  });
  for (const prefix of ['', '/:version{v\\d+\\.\\d+}']) {
    routes.get(`${prefix}/access_token`, exchange);
    routes.get(`${prefix}/refresh_access_token`, refresh);
    routes.get(
      `${prefix}/debug_token`,
      graphAnswer('facebook', async (c, params) => {
        const now = clock.now();
        const caller = await authenticate(
          {
            token: readAccessToken(c, params),
            appsecretProof: undefined,
            hostFamily: undefined,
            requestsMe: false,
          },
          deps.lookup,
          now,
        );
        const input = required(params, 'input_token', FACEBOOK_LOGIN_ERRORS);
        const resolved = looksLikeToken(input) ? await deps.lookup(input) : undefined;
        // An app token reads any of its app's tokens; a user token only its own app's.
        if (caller.kind !== 'app' && resolved && resolved.auth.app.id !== caller.app.id) {
          throw new GraphError('debugTokenAppTokenRequired');
        }
        if (resolved && resolved.auth.app.id !== caller.app.id)
          return debugToken(store, input, undefined, now);
        return debugToken(store, input, resolved, now);
      }),
    );
  }
  return routes;
}
