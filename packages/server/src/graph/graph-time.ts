/** Graph's timestamp format: ISO-8601 in UTC with a `+0000` offset, second precision. */
export function formatGraphTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
