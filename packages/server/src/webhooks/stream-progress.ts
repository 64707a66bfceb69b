/**
 * What one round of sending does to a stream (an app's deliveries for one conversation, in row order): which
 * rows its POSTs carried, which were settled, and so how far the stream is now sent, or which refused rows
 * wait for a retry and when. Pure bookkeeping: the worker sends and writes.
 */
import type { ClaimedDelivery, ClaimedStream } from '../store/schema.ts';
import type { CarriedRange, StreamPatch } from '../store/webhook-store.ts';
import { nextAttemptAt } from './retry-schedule.ts';

export const isReplay = (row: ClaimedDelivery) => row.status === 'replay';
const sendable = (row: ClaimedDelivery) => row.status === 'pending' || row.status === 'replay';

export interface Refusal {
  readonly at: number;
  readonly error: string;
  readonly retryForMs: number;
}

export class StreamProgress {
  /** Rows settled this round: delivered, dropped, failed or given up. */
  private readonly settled = new Set<number>();
  /** Rows a POST carried this round, accepted or not. */
  private readonly attempted = new Set<number>();
  /** Rows of the refused POST, by row (a record run again after a PostgreSQL deadlock adds them again). */
  private readonly refused = new Map<number, ClaimedDelivery>();

  constructor(readonly stream: ClaimedStream) {}

  get key(): number {
    return this.stream.order_key;
  }

  /** The rows to send, oldest first. */
  get sendable(): ClaimedDelivery[] {
    return this.stream.rows.filter(sendable);
  }

  settle(row: ClaimedDelivery): void {
    this.settled.add(row.seq);
  }

  /** A POST carried these rows of the stream; answers them as ranges of consecutive stream rows. */
  carried(rows: readonly ClaimedDelivery[], accepted: boolean): CarriedRange[] {
    for (const row of rows) {
      this.attempted.add(row.seq);
      if (accepted) this.settled.add(row.seq);
      else this.refused.set(row.seq, row);
    }
    // A range is stream rows side by side, all pending and carried: replays are logged on their own rows,
    // so a range never spans one, nor a row not carried. Both lists are in row order (or the POST carried
    // one row); each carried row is found by walking the stream on.
    const all = this.stream.rows;
    const ranges: CarriedRange[] = [];
    let range: { -readonly [K in keyof CarriedRange]: CarriedRange[K] } | undefined;
    let at = 0;
    let previous = -2;
    for (const row of rows) {
      if (row.seq < all[at]!.seq) at = 0;
      while (all[at]!.seq !== row.seq) at++;
      if (row.status !== 'pending') range = undefined;
      else if (range && at === previous + 1) range.last_seq = row.seq;
      else ranges.push((range = { order_key: this.key, first_seq: row.seq, last_seq: row.seq }));
      previous = at;
    }
    return ranges;
  }

  /**
   * Where the round leaves the stream, released; with a refusal, the refused rows whose 36 hours ran out are
   * given up (answered, to be marked failed), and the rest are retried on the schedule.
   */
  finish(at: number, refusal?: Refusal): { patch: StreamPatch; givenUp: ClaimedDelivery[] } {
    const givenUp: ClaimedDelivery[] = [];
    let retryAt: number | undefined;
    const attempts = this.stream.attempts + 1;
    if (refusal && this.refused.size > 0) {
      for (const row of this.refused.values()) {
        const next = nextAttemptAt(row.event_time, attempts, refusal.at, refusal.retryForMs);
        if (next === undefined) {
          givenUp.push(row);
          this.settled.add(row.seq);
        } else retryAt = Math.min(retryAt ?? next, next);
      }
    }
    const sentThrough = this.sentThrough();
    const unsettled = (row: ClaimedDelivery) => sendable(row) && !this.settled.has(row.seq);
    const replaysSettled = this.stream.rows.filter(
      (row) => isReplay(row) && this.settled.has(row.seq),
    ).length;
    const patch: { -readonly [K in keyof StreamPatch]: StreamPatch[K] } = {
      sent_through: sentThrough,
      lease_until: null,
      replays_settled: replaysSettled,
    };
    if (retryAt !== undefined) {
      // The retry carries what this round attempted and did not settle: the refused rows, and any accepted
      // after a gap (out of order, with the reorder fault), again.
      const retried = this.stream.rows.filter((row) => this.attempted.has(row.seq) && unsettled(row));
      const retryThrough = Math.max(sentThrough, ...retried.map((row) => row.seq));
      Object.assign(patch, {
        retry_through: retryThrough,
        attempts,
        next_attempt_at: retryAt,
        last_error: refusal!.error,
      });
    } else {
      // Nothing to retry: the stream goes on from now, unless its refused head went unsent this round.
      const headUnsent =
        this.stream.attempts > 0 &&
        this.refused.size === 0 &&
        (sentThrough < (this.stream.retry_through ?? 0) ||
          this.stream.rows.some((row) => isReplay(row) && unsettled(row)));
      if (!headUnsent) {
        Object.assign(patch, { retry_through: null, attempts: 0, last_error: null, next_attempt_at: at });
      }
    }
    return { patch, givenUp };
  }

  /** The stream is sent through its settled rows, from its mark on; through all it read once all are. */
  private sentThrough(): number {
    let through = this.stream.sent_through;
    for (const row of this.stream.rows) {
      if (row.seq <= this.stream.sent_through) continue;
      if (sendable(row) && !this.settled.has(row.seq)) return through;
      through = row.seq;
    }
    return Math.max(through, this.stream.through);
  }
}
