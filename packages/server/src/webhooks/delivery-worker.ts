/**
 * The delivery worker: claims due deliveries from the outbox, POSTs them to each app's callback URL, and
 * records every attempt. Several workers (processes) can share one PostgreSQL database: a claim leases its
 * deliveries, so each is attempted by one worker at a time. Deliveries of one conversation go out in order:
 * a later one waits while an earlier one is in flight or waiting to be retried.
 */
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { Logger } from '../http/respond.ts';
import type { AppRow, ClaimedDelivery, WebhookSubscriptionRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { succeeded, type CallbackClient, type CallbackOutcome } from './callback-client.ts';
import { envelope, MAX_ENTRIES, signatureHeaders } from './envelope.ts';
import { chance, parseFaults, type Faults } from './faults.ts';
import { nextAttemptAt } from './retry-schedule.ts';

/** Claims in flight at once (each sends its POSTs one after another, per subscription). */
const MAX_IN_FLIGHT = 8;
/**
 * Deliveries one claim takes: up to this many POSTs' worth. A claim is one synchronous SQLite statement, so
 * its size bounds how long it holds up the API: 3,000 deliveries take about 15 ms here (10,000 took 55 ms,
 * for the same throughput).
 */
const CLAIM_POSTS = 3;
/** Retries fall due, and other processes write events: look for due deliveries this often. */
const POLL_MS = 500;

export interface AttemptResult {
  readonly outcome: CallbackOutcome;
  readonly attemptedAt: number;
  readonly latencyMs: number;
  readonly fault: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** These deliveries are done with (delivered, dropped or given up): their conversations go on. */
function settled(tx: Store, appId: string, deliveries: readonly ClaimedDelivery[]): Promise<void> {
  return tx.releaseHeldWebhookDeliveries(appId, [...new Set(deliveries.map((d) => d.order_key))]);
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class DeliveryWorker {
  private inFlight = 0;
  private pumping = false;
  private again = false;
  private stopped = true;
  private poller: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: ParleyConfig,
    private readonly client: CallbackClient,
    private readonly logger: Logger,
  ) {}

  /**
   * A lease outlasts the longest the claim's POSTs can take, one after another (each up to the timeout,
   * twice with a duplicate). Deliveries a killed process held wait that long before another process takes them.
   */
  private leaseMs(posts: number): number {
    return posts * 2 * this.config.webhookTimeoutMs + 5_000;
  }

  async start(): Promise<void> {
    // SQLite is held by this process alone: leases left by a killed one can be taken back at once.
    if (this.store.dialect === 'sqlite') await this.store.releaseWebhookLeases();
    this.stopped = false;
    this.poller = setInterval(() => this.wake(), POLL_MS).unref();
    this.wake();
  }

  /** Stops claiming, and waits for the POSTs in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Looks for due deliveries soon (new events committed, the clock moved, a POST finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    setImmediate(() => void this.pump());
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && this.inFlight < MAX_IN_FLIGHT) {
          const claimed = await this.claim();
          if (claimed.length === 0) break;
          this.dispatch(claimed);
          if (claimed.length < CLAIM_POSTS * MAX_ENTRIES) break;
        }
      } while (this.again && !this.stopped && this.inFlight < MAX_IN_FLIGHT);
    } catch (error) {
      this.logger.error({ err: error }, 'webhook claim failed');
    } finally {
      this.pumping = false;
    }
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const realNow = Date.now();
    return this.store.transaction((tx) =>
      tx.claimWebhookDeliveries({
        now: this.clock.now(),
        realNow,
        leaseUntil: realNow + this.leaseMs(CLAIM_POSTS),
        limit: CLAIM_POSTS * MAX_ENTRIES,
      }),
    );
  }

  /** One task per subscription: its POSTs go one after another, so a conversation's events stay in order. */
  private dispatch(claimed: readonly ClaimedDelivery[]): void {
    for (const group of groupBy(claimed, (d) => `${d.app_id} ${d.object}`).values()) {
      this.inFlight++;
      const task: Promise<void> = this.deliverGroup(group)
        .catch((error: unknown) => this.logger.error({ err: error }, 'webhook delivery failed'))
        .finally(() => {
          this.inFlight--;
          this.running.delete(task);
          this.wake();
        });
      this.running.add(task);
    }
  }

  private async deliverGroup(group: ClaimedDelivery[]): Promise<void> {
    const { app_id, object } = group[0]!;
    const [subscription, app] = await Promise.all([
      this.store.getWebhookSubscription(app_id, object),
      this.store.getApp(app_id),
    ]);
    if (!subscription || !app) {
      await this.store.transaction(async (tx) => {
        const error = 'The app no longer subscribes to this object';
        await tx.updateWebhookDeliveries(
          group.map((d) => d.seq),
          { status: 'failed', lease_until: null, last_error: error },
        );
        await settled(tx, app_id, group);
      });
      return;
    }
    const faults = parseFaults(subscription.faults);
    const dropped = new Set(group.filter(() => chance(faults.drop_percent)));
    if (dropped.size > 0) await this.recordDropped(subscription, [...dropped]);
    const sending = group.filter((d) => !dropped.has(d));
    const batches = faults.reorder ? sending.reverse().map((d) => [d]) : chunks(sending, MAX_ENTRIES);
    if (faults.delay_ms) {
      // Held back on purpose: the lease must last through every delay.
      const posts = batches.length;
      const leaseUntil = Date.now() + posts * faults.delay_ms + this.leaseMs(posts);
      await this.store.updateWebhookDeliveries(
        sending.map((d) => d.seq),
        { lease_until: leaseUntil },
      );
    }
    // A POST's record is written while the next POST is on its way: only its outcome decides what comes next.
    const records: Promise<void>[] = [];
    try {
      for (const [i, batch] of batches.entries()) {
        const { ok, recorded } = await this.post(subscription, app, batch, faults);
        records.push(recorded);
        if (ok) continue;
        // The rest would overtake the refused events: they go back to wait behind the retries.
        await recorded;
        const rest = batches.slice(i + 1).flat();
        await this.store.updateWebhookDeliveries(
          rest.map((d) => d.seq),
          { lease_until: null },
        );
        return;
      }
    } finally {
      await Promise.all(records);
    }
  }

  /** Sends one POST; answers whether it was accepted, and its record, being written. */
  private async post(
    subscription: WebhookSubscriptionRow,
    app: AppRow,
    deliveries: ClaimedDelivery[],
    faults: Faults,
  ): Promise<{ ok: boolean; recorded: Promise<void> }> {
    if (faults.delay_ms) await sleep(faults.delay_ms);
    const body = envelope(subscription.object, deliveries);
    const headers = signatureHeaders(body, app.secret);
    const { callback_url } = subscription;
    const timeout = this.config.webhookTimeoutMs;
    const attemptedAt = this.clock.now();
    const started = performance.now();
    const outcome = await this.client.post(callback_url, body, headers, timeout);
    const latencyMs = performance.now() - started;
    const duplicated = chance(faults.duplicate_percent);
    if (duplicated) await this.client.post(callback_url, body, headers, timeout);
    const fault = [
      faults.delay_ms && `delay ${faults.delay_ms} ms`,
      faults.reorder && 'reorder',
      duplicated && 'duplicate',
    ]
      .filter(Boolean)
      .join(', ');
    const result = { outcome, attemptedAt, latencyMs, fault: fault || null };
    // Never rejects: an attempt left unrecorded is sent again once its lease runs out (at least once).
    const recorded = this.record(subscription, deliveries, result).catch((error: unknown) =>
      this.logger.error({ err: error }, 'webhook attempt could not be recorded'),
    );
    return { ok: succeeded(outcome), recorded };
  }

  private async recordDropped(subscription: WebhookSubscriptionRow, dropped: ClaimedDelivery[]) {
    await this.store.transaction(async (tx) => {
      const attempt = await tx.insertWebhookAttempt({
        app_id: subscription.app_id,
        object: subscription.object,
        callback_url: subscription.callback_url,
        attempted_at: this.clock.now(),
        status_code: null,
        error: 'Dropped by the sandbox fault',
        latency_ms: 0,
        response_snippet: null,
        fault: 'drop',
      });
      const seqs = dropped.map((d) => d.seq);
      await tx.updateWebhookDeliveries(seqs, { status: 'dropped', lease_until: null }, attempt);
      await settled(tx, subscription.app_id, dropped);
    });
  }

  /** Records the attempt and its effect on each delivery (and on the accounts' subscriptions), together. */
  private async record(
    subscription: WebhookSubscriptionRow,
    deliveries: readonly ClaimedDelivery[],
    result: AttemptResult,
  ): Promise<void> {
    const { outcome, attemptedAt } = result;
    const seqs = deliveries.map((d) => d.seq);
    const ok = succeeded(outcome);
    const appId = subscription.app_id;
    const accounts = [...new Set(deliveries.map((d) => d.installed_on))];
    await this.store.transaction(async (tx) => {
      const attempt = await tx.insertWebhookAttempt({
        app_id: appId,
        object: subscription.object,
        callback_url: subscription.callback_url,
        attempted_at: attemptedAt,
        status_code: outcome.status ?? null,
        error: outcome.error ?? null,
        latency_ms: Math.round(result.latencyMs * 100) / 100,
        response_snippet: outcome.snippet || null,
        fault: result.fault,
      });
      if (ok) {
        const delivered = {
          status: 'delivered',
          delivered_at: attemptedAt,
          lease_until: null,
          last_error: null,
        } as const;
        await tx.updateWebhookDeliveries(seqs, delivered, attempt);
        await settled(tx, appId, deliveries);
        await tx.clearWebhookFailing(appId, accounts);
        return;
      }
      const error =
        outcome.error ??
        `HTTP ${outcome.status}${outcome.snippet ? `: ${outcome.snippet.slice(0, 200)}` : ''}`;
      // Deliveries of one batch mostly share their schedule: one update per distinct next attempt.
      const { webhookRetryForMs } = this.config;
      const byNext = groupBy(deliveries, (d) =>
        nextAttemptAt(d.event_time, d.attempts + 1, attemptedAt, webhookRetryForMs),
      );
      for (const [next, group] of byNext) {
        const patch =
          next === undefined
            ? ({ status: 'failed', lease_until: null, last_error: error } as const)
            : { next_attempt_at: next, lease_until: null, last_error: error };
        await tx.updateWebhookDeliveries(
          group.map((d) => d.seq),
          patch,
          attempt,
        );
      }
      await this.holdBehindRetries(tx, appId, deliveries, byNext);
      await this.disableIfFailingTooLong(tx, appId, accounts, attemptedAt);
    });
  }

  /**
   * A conversation's later deliveries wait behind its refused ones: held, they stay out of every claim until
   * the refused ones are delivered or given up. Conversations whose refused ones were all given up go on.
   */
  private async holdBehindRetries(
    tx: Store,
    appId: string,
    deliveries: readonly ClaimedDelivery[],
    byNext: Map<number | undefined, ClaimedDelivery[]>,
  ) {
    const retriedUpTo = new Map<number, number>();
    for (const [next, group] of byNext) {
      if (next === undefined) continue;
      for (const d of group) retriedUpTo.set(d.order_key, Math.max(d.seq, retriedUpTo.get(d.order_key) ?? 0));
    }
    for (const [orderKey, seq] of retriedUpTo) await tx.holdWebhookDeliveries(appId, orderKey, seq);
    await settled(
      tx,
      appId,
      deliveries.filter((d) => !retriedUpTo.has(d.order_key)),
    );
  }

  /** Meta unsubscribes an app from an account after an hour of failed deliveries (spec §10.6). */
  private async disableIfFailingTooLong(tx: Store, appId: string, accounts: string[], at: number) {
    const after = this.config.webhookDisableAfterMs;
    if (after <= 0) return;
    for (const subscription of await tx.markWebhookFailing(appId, accounts, at)) {
      if (subscription.failing_since === null || at - subscription.failing_since < after) continue;
      await tx.disableAccountSubscription(subscription.account_id, appId, at);
      await tx.failPendingWebhookDeliveries(
        appId,
        subscription.account_id,
        'Webhooks disabled: the callback URL failed for too long',
      );
      this.logger.warn({ appId, accountId: subscription.account_id }, 'webhooks disabled for an account');
    }
  }
}
