/** Switching Meta's rate limits on or off, and tightening them, while Parley runs. */
import { Hono } from 'hono';
import { LimitsChange } from '@parley/sandbox';
import type { RateCategory, RateRule } from '../rate-limits/rate-limit-rules.ts';
import type { RateLimitSettings } from '../rate-limits/rate-limiter.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody } from './input.ts';

function view(settings: RateLimitSettings) {
  return {
    enabled: settings.enabled,
    limits: Object.fromEntries(
      Object.entries(settings.rules).map(([name, rule]) => [
        name,
        { limit: rule.limit, window_seconds: rule.windowSeconds },
      ]),
    ),
  };
}

export function limitsRoutes({ limiter }: SandboxDeps): Hono {
  const routes = new Hono();
  routes.get('/limits', (c) => c.json(view(limiter.current)));
  routes.post('/limits', async (c) => {
    const { enabled, limits = {} } = await readBody(c, LimitsChange);
    const rules: Partial<Record<RateCategory, RateRule>> = {};
    for (const [name, rule = {}] of Object.entries(limits)) {
      const current = limiter.current.rules[name as RateCategory];
      rules[name as RateCategory] = {
        limit: rule.limit === undefined ? current.limit : rule.limit,
        windowSeconds: rule.window_seconds ?? current.windowSeconds,
      };
    }
    return c.json(view(limiter.configure({ ...(enabled !== undefined && { enabled }), rules })));
  });
  return routes;
}
