/** The sandbox's controls: the clock every rule reads, reset, and seeding a world from a document. */
import { GraphError } from '@parley/protocol';
import { Hono } from 'hono';
import { ControllableClock, LATEST_TIME_MS, REAL_TIME } from '../clock.ts';
import { clockView, saveClock } from './clock-state.ts';
import type { SandboxDeps } from './deps.ts';
import { ClockMove, Reset } from '@parley/sandbox';
import { readBody } from './input.ts';
import { applySeed } from './seed.ts';
import { parseSeedText } from './seed-document.ts';
import { loadDemoWorld, SEEDED_KEY } from './demo.ts';
import { SERVER_SECRET_KEY } from '../store/server-secret.ts';

/** Settings that outlive a reset: the secret that signs cursors, and that first-start seeding is done. */
export const KEPT_ON_RESET = [SERVER_SECRET_KEY, SEEDED_KEY] as const;

export function controlRoutes(deps: SandboxDeps): Hono {
  const { store, clock, webhooks, forgetWorld } = deps;
  const routes = new Hono();

  routes.get('/clock', (c) => c.json(clockView(clock)));

  routes.post('/clock', async (c) => {
    const { advance_seconds: advance, set: at, freeze } = await readBody(c, ClockMove);
    // Worked out on a copy: a move the clock cannot make changes nothing.
    const next = new ControllableClock(clock.snapshot);
    if (freeze !== undefined) next.freeze(freeze);
    if (at !== undefined) next.set(at);
    if (advance !== undefined) next.advance(advance * 1000);
    if (!(next.now() >= 0 && next.now() <= LATEST_TIME_MS))
      throw new GraphError('sandboxInvalidRequest', { detail: 'The clock must stay between 1970 and 9999' });
    clock.restore(next.snapshot);
    await saveClock(store, clock);
    // Retries may have fallen due.
    webhooks.wake();
    return c.json(clockView(clock));
  });

  routes.post('/reset', async (c) => {
    const { seed = 'none' } = await readBody(c, Reset);
    await store.reset(KEPT_ON_RESET);
    forgetWorld();
    clock.restore(REAL_TIME);
    await saveClock(store, clock);
    await store.announce('reset');
    if (seed === 'demo') await applySeed(loadDemoWorld(), { store, clock });
    return c.json({ success: true, seed });
  });

  routes.post('/seed', async (c) => {
    const verify = (url: string, token: string) => webhooks.verifyCallback(url, token);
    const created = await applySeed(parseSeedText(await c.req.text()), { store, clock, verify });
    return c.json({ success: true, ...created });
  });

  return routes;
}
