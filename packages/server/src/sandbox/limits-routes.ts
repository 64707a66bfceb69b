/** Switching Meta's rate limits on or off, and tightening them, while Parley runs. */
import { GraphError } from '@parley/protocol';
import { Hono } from 'hono';
import { RATE_CATEGORIES, type RateCategory, type RateRule } from '../rate-limits/rate-limit-rules.ts';
import type { RateLimitSettings } from '../rate-limits/rate-limiter.ts';
import type { SandboxDeps } from './deps.ts';
import { optionalBoolean, optionalNumber, optionalObject, readBody } from './input.ts';

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
    const body = await readBody(c);
    const enabled = optionalBoolean(body, 'enabled');
    const given = optionalObject(body, 'limits') ?? {};
    const rules: Partial<Record<RateCategory, RateRule>> = {};
    for (const name of Object.keys(given)) {
      if (!RATE_CATEGORIES.includes(name as RateCategory)) {
        throw new GraphError('sandboxInvalidRequest', {
          detail: `Unknown limit "${name}"; limits are ${RATE_CATEGORIES.join(', ')}`,
        });
      }
      const rule = optionalObject(given, name) ?? {};
      const current = limiter.current.rules[name as RateCategory];
      const limit = rule.limit === null ? null : (optionalNumber(rule, 'limit', { min: 1 }) ?? current.limit);
      rules[name as RateCategory] = {
        limit,
        windowSeconds: optionalNumber(rule, 'window_seconds', { min: 0.001 }) ?? current.windowSeconds,
      };
    }
    return c.json(view(limiter.configure({ ...(enabled !== undefined && { enabled }), rules })));
  });
  return routes;
}
