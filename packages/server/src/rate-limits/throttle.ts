/**
 * Applying the limits to a request: Meta's error per platform when a limit is hit, and the usage headers
 * (`X-App-Usage`, `X-Business-Use-Case-Usage`) on the response.
 */
import { GraphError, type ApiFamily } from '@parley/protocol';
import type { Platform } from '../store/schema.ts';
import type { RateCategory } from './rate-limit-rules.ts';
import type { RateLimiter, Usage } from './rate-limiter.ts';

/** Collects what a request used, for its response headers. */
export class UsageReport {
  private app: Usage | undefined;
  private readonly accounts = new Map<string, { platform: Platform; usage: Usage }>();

  recordApp(usage: Usage): void {
    this.app = usage;
  }

  recordAccount(accountId: string, platform: Platform, usage: Usage): void {
    this.accounts.set(accountId, { platform, usage });
  }

  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.app) {
      const p = this.app.percent;
      headers['x-app-usage'] = JSON.stringify({ call_count: p, total_time: p, total_cputime: p });
    }
    if (this.accounts.size > 0) {
      const business: Record<string, unknown[]> = {};
      for (const [id, { platform, usage }] of this.accounts) {
        business[id] = [
          {
            type: platform === 'instagram' ? 'instagram' : 'messenger',
            call_count: usage.percent,
            total_cputime: usage.percent,
            total_time: usage.percent,
            estimated_time_to_regain_access: Math.ceil(usage.retryAfterSeconds / 60),
          },
        ];
      }
      headers['x-business-use-case-usage'] = JSON.stringify(business);
    }
    return headers;
  }
}

function limitError(family: ApiFamily, platform: Platform, category: RateCategory): GraphError {
  // The Messenger Profile API answers Graph's plain 613, whichever platform.
  if (category === 'messenger_profile') return new GraphError('rateLimited');
  if (family === 'instagram' || platform === 'instagram') return new GraphError('instagramRateLimited');
  return new GraphError('messengerRateLimited');
}

/** Counts one call against an account's limit, throwing Meta's rate-limit error when it is exhausted. */
export function throttleAccount(
  limiter: RateLimiter,
  report: UsageReport,
  family: ApiFamily,
  clockNow: number,
  category: RateCategory,
  accountId: string,
  platform: Platform,
): void {
  const usage = limiter.take(category, accountId, clockNow);
  if (!usage) return;
  report.recordAccount(accountId, platform, usage);
  if (!usage.allowed) throw limitError(family, platform, category);
}

/** The application-level limit (code 4), counted on every Graph call of an app. */
export function throttleApp(
  limiter: RateLimiter,
  report: UsageReport,
  appId: string,
  clockNow: number,
): void {
  const usage = limiter.take('app', appId, clockNow);
  if (!usage) return;
  report.recordApp(usage);
  if (!usage.allowed) throw new GraphError('appRateLimited');
}
