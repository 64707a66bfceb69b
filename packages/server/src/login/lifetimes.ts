/** How long each piece of a login lasts (spec §11.2), by the sandbox clock. */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An authorization code: one hour, once. */
export const CODE_TTL_MS = HOUR;
/** A short-lived user token (Facebook Login's code exchange, Instagram Login's): one hour. */
export const SHORT_LIVED_MS = HOUR;
/** A long-lived user token: 60 days, answered as Meta's `expires_in: 5183944`. */
export const LONG_LIVED_SECONDS = 5_183_944;
export const LONG_LIVED_MS = LONG_LIVED_SECONDS * 1000;
/** A long-lived Instagram token is refreshed only once it is a day old. */
export const REFRESH_MIN_AGE_MS = DAY;
/** How long an app may read a person's data after they last logged in (debug_token's data_access_expires_at). */
export const DATA_ACCESS_MS = 90 * DAY;

/** Whole seconds left from `now` to `at`: what `expires_in` answers. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.round((at - now) / 1000));
}
