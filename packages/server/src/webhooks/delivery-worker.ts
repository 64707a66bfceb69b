/**
 * The delivery worker: claims due streams (an app's deliveries for one conversation, in order) from the
 * outbox, POSTs their rows to each app's callback URL, and records every attempt and how far each stream got.
 * Several workers (processes) can share one PostgreSQL database: a claim leases its streams, so each is sent
 * by one worker at a time. A stream's refused rows are retried alone; its later rows wait behind them.
 */
import { signatureHeaders } from '@parley/protocol/signature';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import { WEBHOOK_ATTEMPT, type Logger } from '../core/logger.ts';
import type { SentRequest, SentRequests } from './sent-requests.ts';
import type { AppRow, ClaimedDelivery, ClaimedStream, WebhookSubscriptionRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { CarriedRange } from '../store/shapes.ts';
import { postHeaders, succeeded, type CallbackClient, type CallbackOutcome } from './callback-client.ts';
import { entryOf, type WebhookEntryCache } from './entry-cache.ts';
import { envelope, MAX_ENTRIES } from './envelope.ts';
import { chance, parseFaults, type Faults } from './faults.ts';
import { FailingAccounts } from './failing-accounts.ts';
import { isReplay, StreamProgress, type Refusal } from './stream-progress.ts';

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
  /** The POST as sent, when someone watches (see sent-requests.ts). */
  readonly request?: SentRequest;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

const seqsOf = (rows: readonly ClaimedDelivery[]) => rows.map((row) => row.seq);

interface SentPost {
  readonly batch: readonly ClaimedDelivery[];
  readonly result: AttemptResult;
}

/** One claim's streams of one subscription, and what sending them did. */
interface Round {
  readonly streams: readonly StreamProgress[];
  readonly subscription?: WebhookSubscriptionRow;
  /** Rows of an app (or subscription) that is gone: failed, unsent. */
  readonly gone?: readonly ClaimedDelivery[];
  readonly dropped: readonly ClaimedDelivery[];
  readonly posts: readonly SentPost[];
}

/**
 * What a POST carried: its rows as ranges of each stream's rows (a stream's rows lie side by side in it), its
 * replays, and the accounts they were for.
 */
function carriedBy(
  batch: readonly ClaimedDelivery[],
  streams: Map<number, StreamProgress>,
  accepted: boolean,
) {
  const ranges: CarriedRange[] = [];
  const replays: number[] = [];
  const accounts = new Set<string>();
  for (let start = 0; start < batch.length;) {
    const key = batch[start]!.order_key;
    let end = start + 1;
    while (end < batch.length && batch[end]!.order_key === key) end++;
    for (const range of streams.get(key)!.carried(batch.slice(start, end), accepted)) ranges.push(range);
    start = end;
  }
  for (const row of batch) {
    if (isReplay(row)) replays.push(row.seq);
    accounts.add(row.installed_on);
  }
  return { ranges, replays, accounts: [...accounts] };
}

export class DeliveryWorker {
  private inFlight = 0;
  private pumping = false;
  private again = false;
  private stopped = true;
  private poller: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly failing: FailingAccounts;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: ParleyConfig,
    private readonly client: CallbackClient,
    private readonly entries: WebhookEntryCache,
    private readonly logger: Logger,
    private readonly sent: SentRequests,
  ) {
    this.failing = new FailingAccounts(config.webhookDisableAfterMs, logger);
  }

  /**
   * A lease outlasts the longest the claim's POSTs can take, one after another (each up to the timeout,
   * twice with a duplicate). Deliveries a killed process held wait that long before another process takes them.
   */
  private leaseMs(posts: number): number {
    return posts * 2 * this.config.webhookTimeoutMs + 5_000;
  }

  async start(): Promise<void> {
    // SQLite is held by this process alone: leases left by a killed one can be taken back at once.
    if (this.store.dialect === 'sqlite') await this.store.streams.releaseLeases();
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
          const rows = claimed.reduce((sum, stream) => sum + stream.rows.length, 0);
          if (rows < CLAIM_POSTS * MAX_ENTRIES) break;
        }
      } while (this.again && !this.stopped && this.inFlight < MAX_IN_FLIGHT);
    } catch (error) {
      this.logger.error({ err: error }, 'webhook claim failed');
    } finally {
      this.pumping = false;
    }
  }

  private async claim(): Promise<ClaimedStream[]> {
    const realNow = Date.now();
    const now = this.clock.now();
    // Most looks find nothing (a wake after each POST, the poll): a read answers those without a transaction.
    if (!(await this.store.streams.hasDue(now, realNow))) return [];
    return this.store.transaction((tx) =>
      tx.streams.claim({
        now,
        realNow,
        leaseUntil: realNow + this.leaseMs(CLAIM_POSTS),
        limit: CLAIM_POSTS * MAX_ENTRIES,
      }),
    );
  }

  /** One task per subscription: its POSTs go one after another, so a conversation's events stay in order. */
  private dispatch(claimed: readonly ClaimedStream[]): void {
    const groups = groupBy(claimed, (stream) => `${stream.app_id} ${stream.object}`);
    for (const group of groups.values()) {
      this.inFlight++;
      const task: Promise<void> = this.deliverGroup(group.map((stream) => new StreamProgress(stream)))
        .catch((error: unknown) => this.logger.error({ err: error }, 'webhook delivery failed'))
        .finally(() => {
          this.inFlight--;
          this.running.delete(task);
          this.wake();
        });
      this.running.add(task);
    }
  }

  private async deliverGroup(streams: StreamProgress[]): Promise<void> {
    // Each stream's rows in order, one stream after another: order holds within a conversation.
    const sendable = streams.flatMap((stream) => stream.sendable);
    const round: Round = { streams, dropped: [], posts: [] };
    if (sendable.length === 0) return this.record(round);
    const { app_id, object } = streams[0]!.stream;
    const [subscription, app] = await Promise.all([
      this.store.subscriptions.get(app_id, object),
      this.store.apps.get(app_id),
    ]);
    if (!subscription || !app) return this.record({ ...round, gone: sendable });
    const faults = parseFaults(subscription.faults);
    const dropped = new Set(faults.drop_percent ? sendable.filter(() => chance(faults.drop_percent)) : []);
    const sending = dropped.size > 0 ? sendable.filter((row) => !dropped.has(row)) : sendable;
    // Newest first, across the conversations.
    if (faults.reorder) sending.sort((a, b) => b.seq - a.seq);
    const perPost = faults.reorder ? 1 : MAX_ENTRIES;
    const entries = await this.entriesOf(sending);
    if (faults.delay_ms) {
      // Held back on purpose: the lease must last through every delay.
      const posts = Math.ceil(sending.length / perPost);
      const leaseUntil = Date.now() + posts * faults.delay_ms + this.leaseMs(posts);
      const keys = streams.map((stream) => stream.key);
      await this.store.streams.lease(app_id, keys, leaseUntil);
    }
    const posts: SentPost[] = [];
    // A refused POST ends the round: the rest would overtake the refused events.
    for (let from = 0; from < sending.length; from += perPost) {
      const batch = sending.slice(from, from + perPost);
      const body = envelope(subscription.object, entries.slice(from, from + perPost), (size) =>
        this.client.bodies.take(size),
      );
      const result = await this.post(subscription, app, body, batch.length, faults);
      this.client.bodies.release(body);
      posts.push({ batch, result });
      if (!succeeded(result.outcome)) break;
    }
    await this.record({ ...round, subscription, dropped: [...dropped], posts });
  }

  /** The rows' `entry[]` items, row by row: cached, or read from the outbox. */
  private async entriesOf(rows: readonly ClaimedDelivery[]): Promise<Buffer[]> {
    const entries = rows.map((row) => this.entries.get(row.event_seq, row.channel));
    const missing = rows.filter((_, i) => entries[i] === undefined).map((row) => row.event_seq);
    if (missing.length > 0) {
      const read = new Map(
        (await this.store.outbox.listEvents(missing)).map((event) => [event.seq, event] as const),
      );
      rows.forEach((row, i) => {
        const event = read.get(row.event_seq);
        if (event) entries[i] ??= entryOf(event.account_id, event.event_time, event.event, row.channel);
      });
      if (entries.includes(undefined)) throw new Error('webhook events missing from the outbox');
    }
    return entries as Buffer[];
  }

  /** Sends one POST and answers its outcome. */
  private async post(
    subscription: WebhookSubscriptionRow,
    app: AppRow,
    body: Buffer,
    entryCount: number,
    faults: Faults,
  ): Promise<AttemptResult> {
    if (faults.delay_ms) await sleep(faults.delay_ms);
    const headers = signatureHeaders(body, app.secret);
    const { callback_url } = subscription;
    const timeout = this.config.webhookTimeoutMs;
    const attemptedAt = this.clock.now();
    const started = performance.now();
    const outcome = await this.client.post(callback_url, body, headers, timeout);
    const latencyMs = performance.now() - started;
    this.logger.info(
      {
        object: subscription.object,
        events: entryCount,
        url: callback_url,
        status: outcome.status,
        error: outcome.error,
        ms: Math.round(latencyMs * 10) / 10,
      },
      WEBHOOK_ATTEMPT,
    );
    const duplicated = chance(faults.duplicate_percent);
    if (duplicated) await this.client.post(callback_url, body, headers, timeout);
    const fault = [
      faults.delay_ms && `delay ${faults.delay_ms} ms`,
      faults.reorder && 'reorder',
      duplicated && 'duplicate',
    ]
      .filter(Boolean)
      .join(', ');
    const request = this.sent.keeping
      ? {
          callbackUrl: callback_url,
          headers: postHeaders(headers),
          body: body.toString('utf8'),
        }
      : undefined;
    return { outcome, attemptedAt, latencyMs, fault: fault || null, ...(request && { request }) };
  }

  /**
   * Records a round in one transaction: each attempt with the rows it carried, what became of the rows settled
   * one by one, where each stream now stands, and the accounts' failure clocks. Until it commits the streams
   * stay leased; a round left unrecorded (a killed process) is sent again (at least once).
   */
  private async record(round: Round): Promise<void> {
    const { streams, subscription, dropped, posts } = round;
    const appId = streams[0]!.stream.app_id;
    const byKey = new Map(streams.map((stream) => [stream.key, stream]));
    const streamOf = (row: ClaimedDelivery) => byKey.get(row.order_key)!;
    const attempt = (result: AttemptResult) => ({
      app_id: appId,
      object: subscription!.object,
      callback_url: subscription!.callback_url,
      attempted_at: result.attemptedAt,
      status_code: result.outcome.status ?? null,
      error: result.outcome.error ?? null,
      latency_ms: Math.round(result.latencyMs * 100) / 100,
      response_snippet: result.outcome.snippet || null,
      fault: result.fault,
    });
    let refusal: Refusal | undefined;
    let refusedAccounts: string[] = [];
    const accepted = new Set<string>();
    await this.store.transaction(async (tx) => {
      if (round.gone) {
        const error = 'The app no longer subscribes to this object';
        await tx.outbox.updateDeliveries(seqsOf(round.gone), { status: 'failed', last_error: error });
        for (const row of round.gone) streamOf(row).settle(row);
      }
      if (dropped.length > 0) {
        const seq = await tx.outbox.insertAttempt(
          {
            ...attempt({
              outcome: { snippet: '' },
              attemptedAt: this.clock.now(),
              latencyMs: 0,
              fault: 'drop',
            }),
            error: 'Dropped by the sandbox fault',
          },
          [],
        );
        await tx.outbox.updateDeliveries(seqsOf(dropped), { status: 'dropped' }, seq);
        for (const row of dropped) streamOf(row).settle(row);
      }
      for (const { batch, result } of posts) {
        const ok = succeeded(result.outcome);
        const { ranges, replays, accounts } = carriedBy(batch, byKey, ok);
        const seq = await tx.outbox.insertAttempt(attempt(result), ranges);
        const { request } = result;
        if (request) tx.afterCommit(() => this.sent.keep(seq, request));
        if (ok) {
          await tx.outbox.updateDeliveries(
            replays,
            { status: 'delivered', delivered_at: result.attemptedAt, last_error: null },
            seq,
          );
          for (const account of accounts) accepted.add(account);
          continue;
        }
        const { outcome } = result;
        const error =
          outcome.error ??
          `HTTP ${outcome.status}${outcome.snippet ? `: ${outcome.snippet.slice(0, 200)}` : ''}`;
        await tx.outbox.updateDeliveries(replays, { last_error: error }, seq);
        refusal = { at: result.attemptedAt, error, retryForMs: this.config.webhookRetryForMs };
        refusedAccounts = accounts;
      }
      await this.failing.accepted(tx, appId, accepted);
      const { failing, retryBy } = refusal
        ? await this.failing.refused(tx, appId, refusedAccounts, refusal.at)
        : { failing: [], retryBy: undefined };
      if (refusal && retryBy !== undefined) refusal = { ...refusal, retryBy };
      const now = this.clock.now();
      // In key order, as every transaction locks streams on PostgreSQL, so that none waits on another crosswise.
      for (const stream of [...streams].sort((a, b) => a.key - b.key)) {
        const { patch, givenUp } = stream.finish(now, refusal);
        await tx.outbox.updateDeliveries(seqsOf(givenUp), { status: 'failed', last_error: refusal?.error });
        await tx.streams.update(appId, stream.key, patch);
      }
      if (refusal) await this.failing.disableExpired(tx, appId, failing, refusal.at);
    });
  }
}
