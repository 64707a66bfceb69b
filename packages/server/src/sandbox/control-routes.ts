/** The sandbox's controls: the clock every rule reads, reset, and seeding a world from a document. */
import { GraphError } from '@parley/protocol';
import { Hono } from 'hono';
import { clockView, saveClock } from './clock-state.ts';
import type { SandboxDeps } from './deps.ts';
import { optionalBoolean, optionalEnum, optionalNumber, optionalString, readBody } from './input.ts';
import { applySeed, parseSeedText } from './seed.ts';
import { loadDemoWorld, SEEDED_KEY } from './demo.ts';
import { SERVER_SECRET_KEY } from '../store/server-secret.ts';

/** Settings that outlive a reset: the secret that signs cursors, and that first-start seeding is done. */
export const KEPT_ON_RESET = [SERVER_SECRET_KEY, SEEDED_KEY] as const;

export function controlRoutes(deps: SandboxDeps): Hono {
  const { store, clock, world, tokens, limiter, webhooks } = deps;
  const routes = new Hono();

  routes.get('/clock', (c) => c.json(clockView(clock)));

  routes.post('/clock', async (c) => {
    const body = await readBody(c);
    const advance = optionalNumber(body, 'advance_seconds');
    const set = body.set;
    const freeze = optionalBoolean(body, 'freeze');
    if (advance === undefined && set === undefined && freeze === undefined) {
      throw new GraphError('sandboxInvalidRequest', { detail: 'Give advance_seconds, set or freeze' });
    }
    if (freeze !== undefined) clock.freeze(freeze);
    if (set !== undefined) {
      const at = typeof set === 'number' ? set : Date.parse(optionalString(body, 'set') ?? '');
      if (!Number.isFinite(at))
        throw new GraphError('sandboxInvalidRequest', {
          detail: 'set must be an ISO time or epoch milliseconds',
        });
      clock.set(at);
    }
    if (advance !== undefined) clock.advance(advance * 1000);
    await saveClock(store, clock);
    // Retries may have fallen due.
    webhooks.wake();
    return c.json(clockView(clock));
  });

  routes.post('/reset', async (c) => {
    const body = await readBody(c);
    const seed = optionalEnum(body, 'seed', ['demo', 'none'] as const) ?? 'none';
    await store.reset(KEPT_ON_RESET);
    tokens.clear();
    limiter.reset();
    clock.restore({ offsetMs: 0, frozenAt: null });
    await saveClock(store, clock);
    if (seed === 'demo') await applySeed(loadDemoWorld(), { store, clock, world });
    return c.json({ success: true, seed });
  });

  routes.post('/seed', async (c) => {
    const created = await applySeed(parseSeedText(await c.req.text()), { store, clock, world });
    return c.json({ success: true, ...created });
  });

  return routes;
}
