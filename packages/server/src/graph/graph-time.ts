/** Graph's timestamp format: ISO-8601 in UTC with a `+0000` offset, second precision. */

/** `00` to `99`: looked up rather than made from numbers, 75 times for a page of 25 messages. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** The `YYYY-MM-DD` of a day counted from 1970-01-01 (the proleptic Gregorian civil-from-days algorithm). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * `2022-07-12T19:11:07+0000`, by arithmetic rather than through `Date` (lists format 25 to 100 times per
 * request, over many days in a long conversation); the date of the last day formatted is kept.
 */
export function formatGraphTime(epochMs: number): string {
  const sec = Math.floor(epochMs / 1000);
  const day = Math.floor(sec / 86_400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = civilDate(day);
  }
  const within = sec - day * 86_400;
  const hour = Math.floor(within / 3600);
  const minute = Math.floor((within % 3600) / 60);
  return `${cachedDate}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[within % 60]}+0000`;
}
