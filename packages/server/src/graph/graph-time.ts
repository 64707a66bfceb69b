/** Graph's timestamp format: ISO-8601 in UTC with a `+0000` offset, second precision. */
export function formatGraphTime(epochMs: number): string {
  // toISOString() is `YYYY-MM-DDTHH:MM:SS.sssZ` for every year Parley will meet.
  return new Date(epochMs).toISOString().slice(0, 19) + '+0000';
}
