/** The sandbox control plane under `/_parley`: JSON in and out, guarded by the admin token when one is set. */
import { timingSafeEqual } from 'node:crypto';
import { GraphError } from '@parley/protocol';
import { Hono } from 'hono';
import { consoleRoutes } from './console-routes.ts';
import { controlRoutes } from './control-routes.ts';
import { eventsRoutes } from './events-routes.ts';
import { uploadRoutes } from './upload-routes.ts';
import { sandboxGuard } from './guard.ts';
import type { SandboxDeps } from './deps.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { limitsRoutes } from './limits-routes.ts';
import { loginRoutes } from './login-routes.ts';
import { commentRoutes } from './comment-routes.ts';
import { postsRoutes } from './posts-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { peopleRoutes } from './people-routes.ts';
import { profileRoutes } from './profile-routes.ts';
import { routingRoutes } from './routing-routes.ts';
import { webhookRoutes } from './webhook-routes.ts';
import { worldRoutes } from './world-routes.ts';

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sandboxRoutes(deps: SandboxDeps): Hono {
  const sandbox = new Hono();
  sandbox.get('/health', (c) => c.json({ ok: true }));
  const adminToken = deps.config.adminToken;
  if (adminToken) {
    sandbox.use('*', async (c, next) => {
      if (!bearerMatches(c.req.header('authorization'), adminToken))
        throw new GraphError('sandboxUnauthorized');
      await next();
    });
  }
  sandbox.use('*', sandboxGuard(deps.config));
  sandbox.route('/', worldRoutes(deps));
  sandbox.route('/', peopleRoutes(deps));
  sandbox.route('/', profileRoutes(deps));
  sandbox.route('/', loginRoutes(deps));
  sandbox.route('/', inboxRoutes(deps));
  sandbox.route('/', routingRoutes(deps));
  sandbox.route('/', postsRoutes(deps));
  sandbox.route('/', commentRoutes(deps));
  sandbox.route('/', catalogRoutes(deps));
  sandbox.route('/', limitsRoutes(deps));
  sandbox.route('/', controlRoutes(deps));
  sandbox.route('/', webhookRoutes(deps));
  sandbox.route('/', consoleRoutes(deps));
  sandbox.route('/', eventsRoutes(deps));
  sandbox.route('/', uploadRoutes(deps));
  sandbox.all('*', (c) => {
    throw new GraphError('sandboxNotFound', { detail: `No sandbox endpoint ${c.req.method} ${c.req.path}` });
  });
  return sandbox;
}
