/**
 * Token buckets per (category, account): a bucket holds `limit` calls and refills at `limit` per window;
 * refused calls draw it below empty, at most one window deep.
 * Time passes for a bucket by real time or by the sandbox clock, whichever moved more, so both a frozen
 * clock and an advanced one behave. Counters are per process.
 */
import { DEFAULT_RATE_RULES, type RateCategory, type RateRule } from './rate-limit-rules.ts';

interface Bucket {
  tokens: number;
  real: number;
  clock: number;
}

export interface Usage {
  readonly category: RateCategory;
  readonly key: string;
  /** Share of the allowance in use, 0–100 (as Meta's usage headers give it). */
  readonly percent: number;
  /** Seconds until a call is allowed again; 0 when one is. */
  readonly retryAfterSeconds: number;
  readonly allowed: boolean;
}

export interface RateLimitSettings {
  readonly enabled: boolean;
  readonly rules: Readonly<Record<RateCategory, RateRule>>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private settings: RateLimitSettings;

  constructor(
    enabled: boolean,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.settings = { enabled, rules: DEFAULT_RATE_RULES };
  }

  get current(): RateLimitSettings {
    return this.settings;
  }

  /** Switches limits on or off, or changes rules; every bucket starts full again. */
  configure(change: {
    enabled?: boolean;
    rules?: Partial<Record<RateCategory, RateRule>>;
  }): RateLimitSettings {
    this.settings = {
      enabled: change.enabled ?? this.settings.enabled,
      rules: { ...this.settings.rules, ...change.rules },
    };
    this.buckets.clear();
    return this.settings;
  }

  reset(): void {
    this.configure({ rules: DEFAULT_RATE_RULES });
  }

  /** Takes one call from the bucket; answers whether it was allowed, and the usage to report. */
  take(category: RateCategory, key: string, clockNow: number): Usage | undefined {
    const rule = this.settings.rules[category];
    if (!this.settings.enabled || rule.limit === null) return undefined;
    const id = `${category}\n${key}`;
    const real = this.realNow();
    const bucket = this.buckets.get(id) ?? { tokens: rule.limit, real, clock: clockNow };
    const elapsedMs = Math.max(real - bucket.real, clockNow - bucket.clock, 0);
    const perMs = rule.limit / (rule.windowSeconds * 1000);
    bucket.tokens = Math.min(rule.limit, bucket.tokens + elapsedMs * perMs);
    bucket.real = real;
    bucket.clock = clockNow;
    const allowed = bucket.tokens >= 1;
    // A refused call costs a token too, so calling on while throttled pushes the wait further out (as Meta's
    // limits do), up to one window's worth of debt.
    bucket.tokens = allowed ? bucket.tokens - 1 : Math.max(bucket.tokens - 1, -rule.limit);
    this.buckets.set(id, bucket);
    return {
      category,
      key,
      allowed,
      percent: allowed ? Math.min(100, Math.round(((rule.limit - bucket.tokens) / rule.limit) * 100)) : 100,
      retryAfterSeconds: allowed ? 0 : Math.ceil((1 - bucket.tokens) / perMs / 1000),
    };
  }
}
