/**
 * When a failed delivery is tried again. Meta retries "immediately, then a few more times with decreasing
 * frequency over the next 36 hours" (spec §10.6); the steps below are Parley's reading of that.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The wait after the n-th failed attempt (the last step repeats). */
export const RETRY_STEPS_MS: readonly number[] = [
  1 * SECOND,
  10 * SECOND,
  1 * MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
];

/**
 * The next attempt after `attempts` failed ones, or undefined once the retry period, counted from the
 * event, has run out (the delivery is given up).
 */
export function nextAttemptAt(
  eventTime: number,
  attempts: number,
  failedAt: number,
  retryForMs: number,
): number | undefined {
  const wait = RETRY_STEPS_MS[Math.min(attempts, RETRY_STEPS_MS.length) - 1] ?? RETRY_STEPS_MS[0]!;
  const next = failedAt + wait;
  const giveUpAt = eventTime + retryForMs;
  if (failedAt >= giveUpAt) return undefined;
  return Math.min(next, giveUpAt);
}
