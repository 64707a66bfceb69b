/** Graph's timestamp format: ISO-8601 in UTC with a `+0000` offset, second precision. */

let cachedHour = Number.NaN;
let cachedPrefix = '';

/** `2022-07-12T19:11:07+0000`. The `YYYY-MM-DDTHH:` prefix is cached per hour: lists format many times in one. */
export function formatGraphTime(epochMs: number): string {
  const sec = Math.floor(epochMs / 1000);
  const hour = Math.floor(sec / 3600);
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedPrefix = new Date(hour * 3_600_000).toISOString().slice(0, 14);
  }
  const within = sec - hour * 3600;
  const m = Math.floor(within / 60);
  const s = within % 60;
  return `${cachedPrefix}${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}+0000`;
}
