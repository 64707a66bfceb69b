import { describe, expect, it } from 'vitest';
import { retryByOf } from './failing-accounts.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('failing accounts', () => {
  it('retries a refused POST by the next hour at which one of its accounts would be disabled', () => {
    // Failing for 10 and 50 minutes: tried again at the second one's hour.
    expect(retryByOf([50 * MINUTE, 10 * MINUTE], HOUR, 60 * MINUTE)).toBe(70 * MINUTE);
    // One account's hour has come (it is disabled now): the other's hour still counts.
    expect(retryByOf([0, 50 * MINUTE], HOUR, 70 * MINUTE)).toBe(110 * MINUTE);
    expect(retryByOf([0], HOUR, HOUR)).toBeUndefined();
    expect(retryByOf([], HOUR, 0)).toBeUndefined();
  });
});
