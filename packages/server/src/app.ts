/**
 * Builds Parley's HTTP app: the Graph API (both families on one port) and the sandbox under `/_parley`,
 * with the webhooks that deliver what happens in it. It never listens; main.ts does.
 */
import { Hono } from 'hono';
import { TokenCache } from './auth/token-cache.ts';
import type { ControllableClock } from './clock.ts';
import { withDefaults, type ParleyConfig } from './config.ts';
import { createCursorCodec } from './graph/cursor-codec.ts';
import { newId } from './graph/ids.ts';
import { ApiLog } from './http/api-log.ts';
import { bodyLimits } from './http/body-limits.ts';
import { cdnRoutes } from './http/cdn-routes.ts';
import { consoleFiles, rootToConsole } from './http/console-files.ts';
import type { SubRequest } from './http/batch.ts';
import { graphHandler } from './http/graph-handler.ts';
import { RateLimiter } from './rate-limits/rate-limiter.ts';
import { createCdnSigner } from './send/media/cdn.ts';
import { asGraphError, errorResponse } from './http/respond.ts';
import { clientWentAway } from './http/node-request.ts';
import { silentLogger, type Logger } from './core/logger.ts';
import { Watch } from './core/watch.ts';
import { clockReloader, openClock } from './sandbox/clock-state.ts';
import { People } from './sandbox/people.ts';
import { Optins } from './sandbox/optins.ts';
import { sandboxRoutes } from './sandbox/routes.ts';
import { World } from './sandbox/world.ts';
import type { SharedChange } from './store/postgres/shared-change.ts';
import type { Store } from './store/store.ts';
import { Webhooks } from './webhooks/webhooks.ts';
import { MediaFetcher } from './outbound/media-fetcher.ts';
import { TargetPolicy } from './outbound/targets.ts';
import { resolveToken } from './auth/authenticate.ts';
import { loginDialogRoutes } from './http/login-dialog-routes.ts';
import { loginTokenRoutes } from './http/login-token-routes.ts';
import { Revocations } from './login/revoke.ts';
import { CallbackClient } from './webhooks/callback-client.ts';

export interface AppOptions {
  readonly store: Store;
  /** The sandbox clock; by default the one saved in the store. */
  readonly clock?: ControllableClock;
  readonly config?: Partial<ParleyConfig>;
  readonly logger?: Logger;
}

export interface ParleyApp {
  readonly app: Hono;
  /** Starts webhook delivery in the background: main.ts calls it once listening. */
  start(): Promise<void>;
  /** Stops webhook delivery (recording what is in flight) and outbound connections, before the store closes. */
  stop(): Promise<void>;
  /** Another process on the database changed state this one keeps a copy of: read it again. */
  sharedChange(change: SharedChange): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<ParleyApp> {
  const { store } = options;
  const config = withDefaults(options.config);
  const clock = options.clock ?? (await openClock(store));
  const logger = options.logger ?? silentLogger;
  const secret = store.serverSecret;
  const codec = createCursorCodec(secret);
  const cdn = createCdnSigner(secret, config.mediaUrlTtlMs);
  const limiter = new RateLimiter(config.rateLimits);
  const tokens = new TokenCache();
  const world = new World(store, clock);
  const targets = new TargetPolicy(config.privateTargets);
  const watch = new Watch();
  const webhooks = new Webhooks(store, clock, config, targets, logger, watch);
  const mediaFetcher = new MediaFetcher(targets, config.mediaFetchTimeoutMs);
  const people = new People(store, clock, world, webhooks);
  const optins = new Optins(store, clock, world, webhooks);
  const apiLog = new ApiLog(watch);
  const loginCallbacks = new CallbackClient(targets);
  /** Tokens carry their accounts, grants and roles: after a change the next request must see it, here and in
   * every other process on the database. */
  const tokensChanged = async () => {
    tokens.clear();
    await store.announce('tokens');
  };
  const revocations = new Revocations(store, loginCallbacks, logger, tokensChanged);
  const lookup = (token: string) => tokens.get(token, (t) => resolveToken(store, t));
  /**
   * What this process keeps in memory was read from one world: a reset, here or by another process on the
   * same database, lets all of it go (a new world numbers its rows afresh, so nothing keyed by them may stay).
   */
  const forgetWorld = () => {
    tokens.clear();
    limiter.reset();
    webhooks.forgetWorld();
    apiLog.clear();
  };

  const app = new Hono();
  app.onError((error, c) => {
    const response = errorResponse(asGraphError(error, logger, clientWentAway(c)), {
      family: 'facebook',
      traceId: newId.fbtrace(),
    });
    // The Graph API answers any origin, as Meta's does; the sandbox answers none but its own.
    if (c.req.path.startsWith('/_parley')) response.headers.delete('access-control-allow-origin');
    return response;
  });
  app.use('*', bodyLimits);
  app.route(
    '/_parley',
    sandboxRoutes({
      store,
      clock,
      config,
      world,
      people,
      optins,
      limiter,
      webhooks,
      apiLog,
      watch,
      cdn,
      forgetWorld,
      revocations,
      tokensChanged,
    }),
  );
  app.route('/cdn', cdnRoutes({ store, clock, cdn }));
  app.route('/', loginDialogRoutes({ store, clock }));
  app.route('/', loginTokenRoutes({ store, clock, config, logger, lookup }));
  app.use('/', rootToConsole);
  app.route('/', consoleFiles());
  app.options('*', (c) =>
    c.body(null, 204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '86400',
    }),
  );
  // A batch's requests run through the Graph API alone: not the sandbox, nor media downloads.
  const graphApp = new Hono();
  // Requests a batch makes: Graph does not nest batches, so a batch among them is refused.
  const batchItems = new WeakSet<Request>();
  const subrequest: SubRequest = (method, path, body, headers) => {
    const request = new Request(`http://${headers.host ?? '127.0.0.1'}${path}`, { method, headers, body });
    batchItems.add(request);
    return Promise.resolve(graphApp.fetch(request));
  };
  const graph = graphHandler({
    store,
    clock,
    config,
    codec,
    logger,
    limiter,
    cdn,
    subrequest,
    isBatchItem: (request) => batchItems.has(request),
    webhooks,
    mediaFetcher,
    apiLog,
    revocations,
    lookup,
  });
  graphApp.all('*', graph);
  app.all('*', graph);
  // A reset saves the clock first, so its 'clock' notice comes before 'reset' (notices arrive in commit order).
  const reloadClock = clockReloader(store, clock);
  const sharedChange = async (change: SharedChange) => {
    if (change === 'clock') {
      await reloadClock();
      // Retries may have fallen due.
      webhooks.wake();
    }
    if (change === 'tokens') tokens.clear();
    if (change === 'reset') forgetWorld();
  };
  return {
    app,
    sharedChange,
    start: () => webhooks.start(),
    stop: async () => {
      await webhooks.stop();
      await mediaFetcher.close();
      await loginCallbacks.close();
    },
  };
}
