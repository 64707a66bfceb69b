import { describe, expect, it } from 'vitest';
import { nextAttemptAt } from './retry-schedule.ts';

const HOUR = 3_600_000;

describe('retry schedule', () => {
  it('waits longer after each failure, and gives up 36 hours after the event', () => {
    expect(nextAttemptAt(0, 1, 0, 36 * HOUR)).toBe(1000);
    expect(nextAttemptAt(0, 7, 10 * HOUR, 36 * HOUR)).toBe(11 * HOUR);
    expect(nextAttemptAt(0, 10, 35 * HOUR, 36 * HOUR)).toBe(36 * HOUR);
    expect(nextAttemptAt(0, 10, 36 * HOUR, 36 * HOUR)).toBeUndefined();
  });
});
