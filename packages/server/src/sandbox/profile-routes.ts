/** People and an account's Messenger profile: what they see of it, and tapping Get Started, ice breakers, the menu. */
import { GetStartedTap, IceBreakerTap, MenuTap, ProfileViewQuery } from '@parley/sandbox';
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import { readBody, readQuery } from './input.ts';
import { ProfileTaps } from './profile-taps.ts';

export function profileRoutes({ store, world, people }: SandboxDeps): Hono {
  const routes = new Hono();
  const taps = new ProfileTaps(store, world, people);
  const person = (c: Context) => c.req.param('id') ?? '';

  routes.get('/accounts/:id/messenger-profile', async (c) => {
    const { user_id } = readQuery(c, ProfileViewQuery);
    return c.json(await taps.view(c.req.param('id'), user_id));
  });
  routes.post('/users/:id/get-started', async (c) =>
    c.json(await taps.getStarted(person(c), await readBody(c, GetStartedTap))),
  );
  routes.post('/users/:id/ice-breakers', async (c) =>
    c.json(await taps.tapIceBreaker(person(c), await readBody(c, IceBreakerTap))),
  );
  routes.post('/users/:id/menu', async (c) =>
    c.json(await taps.tapMenu(person(c), await readBody(c, MenuTap))),
  );
  return routes;
}
