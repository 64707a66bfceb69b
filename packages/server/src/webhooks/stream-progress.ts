/**
 * What one round of sending does to a stream (an app's deliveries for one conversation, in row order): which
 * rows its POSTs carried, which were settled, and so how far the stream is now sent, or which refused rows
 * wait for a retry and when. Pure bookkeeping: the worker sends and writes.
 */
import type { ClaimedDelivery, ClaimedStream } from '../store/schema.ts';
import type { CarriedRange, StreamPatch } from '../store/shapes.ts';
import { nextAttemptAt } from './retry-schedule.ts';

export const isReplay = (row: ClaimedDelivery) => row.status === 'replay';
const sendable = (row: ClaimedDelivery) => row.status === 'pending' || row.status === 'replay';

export interface Refusal {
  readonly at: number;
  readonly error: string;
  readonly retryForMs: number;
  /** Tried again no later than this: when an app failing since then is disabled, if it still fails. */
  readonly retryBy?: number;
}

/** What became of a stream row this round, as flags by its place in the stream. */
const ATTEMPTED = 1;
const SETTLED = 2;

export class StreamProgress {
  /** By row place: carried by a POST this round (accepted or not), settled (delivered, dropped, given up). */
  private readonly flags: Uint8Array;
  /** Rows of the refused POST, by row (a record run again after a PostgreSQL deadlock adds them again). */
  private readonly refused = new Map<number, ClaimedDelivery>();

  constructor(readonly stream: ClaimedStream) {
    this.flags = new Uint8Array(stream.rows.length);
  }

  get key(): number {
    return this.stream.order_key;
  }

  /** The rows to send, oldest first. */
  get sendable(): ClaimedDelivery[] {
    return this.stream.rows.filter(sendable);
  }

  settle(row: ClaimedDelivery): void {
    this.mark(this.placeOf(row.seq), SETTLED);
  }

  private mark(place: number, flags: number): void {
    this.flags[place] = this.flags[place]! | flags;
  }

  private settled(place: number): boolean {
    return (this.flags[place]! & SETTLED) !== 0;
  }

  /** The place of a row in the stream, which is in row order. */
  private placeOf(seq: number): number {
    const rows = this.stream.rows;
    let low = 0;
    let high = rows.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (rows[middle]!.seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** A POST carried these rows of the stream; answers them as ranges of consecutive stream rows. */
  carried(rows: readonly ClaimedDelivery[], accepted: boolean): CarriedRange[] {
    // A range is stream rows side by side, all pending and carried: replays are logged on their own rows,
    // so a range never spans one, nor a row not carried. Both lists are in row order (or the POST carried
    // one row); each carried row is found by walking the stream on.
    const all = this.stream.rows;
    const flags = accepted ? ATTEMPTED | SETTLED : ATTEMPTED;
    const ranges: CarriedRange[] = [];
    let range: { -readonly [K in keyof CarriedRange]: CarriedRange[K] } | undefined;
    let at = 0;
    let previous = -2;
    for (const row of rows) {
      if (row.seq < all[at]!.seq) at = 0;
      while (all[at]!.seq !== row.seq) at++;
      this.mark(at, flags);
      if (!accepted) this.refused.set(row.seq, row);
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
        let next = nextAttemptAt(row.event_time, attempts, refusal.at, refusal.retryForMs);
        if (next !== undefined && refusal.retryBy !== undefined) next = Math.min(next, refusal.retryBy);
        if (next === undefined) {
          givenUp.push(row);
          this.settle(row);
        } else retryAt = Math.min(retryAt ?? next, next);
      }
    }
    const { rows } = this.stream;
    const sentThrough = this.sentThrough();
    const unsettled = (place: number) => sendable(rows[place]!) && !this.settled(place);
    let replaysSettled = 0;
    for (let place = 0; place < rows.length; place++) {
      if (isReplay(rows[place]!) && this.settled(place)) replaysSettled++;
    }
    const patch: { -readonly [K in keyof StreamPatch]: StreamPatch[K] } = {
      sent_through: sentThrough,
      lease_until: null,
      replays_settled: replaysSettled,
    };
    if (retryAt !== undefined) {
      // The retry carries what this round attempted and did not settle: the refused rows, and any accepted
      // after a gap (out of order, with the reorder fault), again.
      let retryThrough = sentThrough;
      for (let place = 0; place < rows.length; place++) {
        if (this.flags[place]! & ATTEMPTED && unsettled(place)) {
          retryThrough = Math.max(retryThrough, rows[place]!.seq);
        }
      }
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
          rows.some((row, place) => isReplay(row) && unsettled(place)));
      if (!headUnsent) {
        Object.assign(patch, { retry_through: null, attempts: 0, last_error: null, next_attempt_at: at });
      }
    }
    return { patch, givenUp };
  }

  /** The stream is sent through its settled rows, from its mark on; through all it read once all are. */
  private sentThrough(): number {
    const { rows, sent_through } = this.stream;
    let through = sent_through;
    for (let place = 0; place < rows.length; place++) {
      const row = rows[place]!;
      if (row.seq <= sent_through) continue;
      if (sendable(row) && !this.settled(place)) return through;
      through = row.seq;
    }
    return Math.max(through, this.stream.through);
  }
}
