/**
 * Meta unsubscribes an app from an account after an hour of failed deliveries (spec §10.6). An account's
 * failure clock starts at its first refused delivery and stops at an accepted one. A refused POST is retried
 * by the next hour to come among its accounts, so that an account still failing then is disabled then, not
 * at whatever retry the schedule brings after it.
 */
import type { Logger } from '../core/logger.ts';
import type { AccountSubscriptionRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

/**
 * When a refused POST's accounts must be tried again at the latest: the next hour at which one of them,
 * failing since `failingSince`, would be disabled (those whose hour has come are disabled now). Undefined
 * when none has an hour still to come.
 */
export function retryByOf(
  failingSince: readonly number[],
  disableAfterMs: number,
  refusedAt: number,
): number | undefined {
  const deadlines = failingSince.map((since) => since + disableAfterMs).filter((at) => at > refusedAt);
  return deadlines.length > 0 ? Math.min(...deadlines) : undefined;
}

export class FailingAccounts {
  constructor(
    /** How long an account may fail before the app is unsubscribed from it (0: never). */
    private readonly disableAfterMs: number,
    private readonly logger: Logger,
  ) {}

  /** Deliveries to these accounts were accepted: their clocks stop. */
  async accepted(tx: Store, appId: string, accounts: ReadonlySet<string>): Promise<void> {
    if (accounts.size > 0) await tx.subscriptions.clearFailing(appId, [...accounts]);
  }

  /**
   * A POST to these accounts was refused at `at`: their clocks start, or run on. Answers their subscriptions
   * and the moment to retry by.
   */
  async refused(tx: Store, appId: string, accounts: string[], at: number) {
    if (this.disableAfterMs <= 0) return { failing: [], retryBy: undefined };
    const failing = await tx.subscriptions.markFailing(appId, accounts, at);
    const retryBy = retryByOf(
      failing.map((s) => s.failing_since!),
      this.disableAfterMs,
      at,
    );
    return { failing, retryBy };
  }

  /** Unsubscribes the app from the accounts that have failed for the whole time, and fails what waits for them. */
  async disableExpired(tx: Store, appId: string, failing: readonly AccountSubscriptionRow[], at: number) {
    for (const subscription of failing) {
      if (subscription.failing_since === null || at - subscription.failing_since < this.disableAfterMs)
        continue;
      await tx.subscriptions.disable(subscription.account_id, appId, at);
      await tx.outbox.failPending(
        appId,
        subscription.account_id,
        'Webhooks disabled: the callback URL failed for too long',
        at,
      );
      this.logger.warn({ appId, accountId: subscription.account_id }, 'webhooks disabled for an account');
    }
  }
}
