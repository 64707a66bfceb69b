import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery, ClaimedStream, DeliveryStatus } from '../store/schema.ts';
import { RETRY_STEPS_MS } from './retry-schedule.ts';
import { StreamProgress } from './stream-progress.ts';

const T0 = 1_780_000_000_000;
const HOURS_36 = 36 * 3600_000;
const KEY = 7;

function row(seq: number, status: DeliveryStatus = 'pending', eventTime = T0): ClaimedDelivery {
  return {
    seq,
    status,
    order_key: KEY,
    installed_on: 'acct',
    channel: 'messaging',
    event_time: eventTime,
    event_seq: seq,
  };
}

function stream(rows: ClaimedDelivery[], fields: Partial<ClaimedStream> = {}): StreamProgress {
  return new StreamProgress({
    app_id: 'app',
    object: 'instagram',
    order_key: KEY,
    sent_through: 0,
    retry_through: null,
    attempts: 0,
    through: rows.at(-1)?.seq ?? 0,
    rows,
    ...fields,
  });
}

const refusal = (at: number) => ({ at, error: 'HTTP 503', retryForMs: HOURS_36 });

describe('StreamProgress', () => {
  it('sends a stream through every row once all were accepted, and frees it', () => {
    const progress = stream([row(3), row(5), row(9)], { through: 12 });
    expect(progress.carried(progress.sendable, true)).toEqual([
      { order_key: KEY, first_seq: 3, last_seq: 9 },
    ]);
    const { patch, givenUp } = progress.finish(T0);
    expect(givenUp).toEqual([]);
    // Through the last row the claim read, even past the last row it found.
    expect(patch).toEqual({
      sent_through: 12,
      lease_until: null,
      replays_settled: 0,
      retry_through: null,
      attempts: 0,
      last_error: null,
      next_attempt_at: T0,
    });
  });

  it('keeps a refused head and what follows it for the retry, on the schedule', () => {
    const progress = stream([row(1), row(2), row(3), row(4)]);
    progress.carried([row(1), row(2)], true);
    progress.carried([row(3), row(4)], false);
    const at = T0 + 1000;
    const { patch, givenUp } = progress.finish(at, refusal(at));
    expect(givenUp).toEqual([]);
    expect(patch).toMatchObject({
      sent_through: 2,
      retry_through: 4,
      attempts: 1,
      next_attempt_at: at + RETRY_STEPS_MS[0]!,
      last_error: 'HTTP 503',
    });
  });

  it('decides the same when a record is run again (a PostgreSQL transaction retried)', () => {
    const progress = stream([row(1), row(2)]);
    const at = T0 + 1000;
    const once = () => {
      progress.carried([row(1)], true);
      progress.carried([row(2)], false);
      return progress.finish(at, refusal(at));
    };
    expect(once()).toEqual(once());
    expect(once().patch).toMatchObject({ sent_through: 1, retry_through: 2, attempts: 1 });
  });

  it('gives up the refused rows whose 36 hours have run out, and the stream goes on past them', () => {
    const progress = stream([row(1, 'pending', T0), row(2, 'pending', T0 + HOURS_36)], {
      attempts: 8,
      retry_through: 2,
    });
    progress.carried(progress.sendable, false);
    const at = T0 + HOURS_36;
    const { patch, givenUp } = progress.finish(at, refusal(at));
    expect(givenUp.map((r) => r.seq)).toEqual([1]);
    // Row 2 is younger: it waits for its retry, and with it the stream.
    expect(patch).toMatchObject({ sent_through: 1, retry_through: 2, attempts: 9 });
  });

  it('skips rows settled already and ranges only over the pending rows a POST carried', () => {
    const progress = stream([row(1), row(2, 'dropped'), row(3), row(4, 'replay'), row(5)]);
    expect(progress.sendable.map((r) => r.seq)).toEqual([1, 3, 4, 5]);
    expect(progress.carried([row(1), row(3), row(4, 'replay'), row(5)], true)).toEqual([
      { order_key: KEY, first_seq: 1, last_seq: 1 },
      { order_key: KEY, first_seq: 3, last_seq: 3 },
      { order_key: KEY, first_seq: 5, last_seq: 5 },
    ]);
    expect(progress.finish(T0).patch).toMatchObject({ sent_through: 5, replays_settled: 1 });
  });

  it('ranges rows POSTed one by one in reverse (the reorder fault) one by one', () => {
    const progress = stream([row(1), row(2), row(3)]);
    for (const seq of [3, 2, 1]) {
      expect(progress.carried([row(seq)], true)).toEqual([{ order_key: KEY, first_seq: seq, last_seq: seq }]);
    }
    expect(progress.finish(T0).patch).toMatchObject({ sent_through: 3 });
  });

  it('leaves a refused head waiting when this round did not reach it', () => {
    // Sent through 5, rows 6-7 refused; this round's budget held only a replay of row 3.
    const progress = stream([row(3, 'replay')], {
      sent_through: 5,
      retry_through: 7,
      attempts: 2,
      through: 5,
    });
    progress.carried([row(3, 'replay')], true);
    const { patch } = progress.finish(T0);
    expect(patch).toEqual({ sent_through: 5, lease_until: null, replays_settled: 1 });
  });
});
