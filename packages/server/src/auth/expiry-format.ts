/** Meta's wording of instants in token errors: `Tuesday, 12-Nov-26 10:00:00 PST` (Pacific time). */
const FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

export function formatMetaExpiry(epochMs: number): string {
  const parts = Object.fromEntries(FORMAT.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return `${parts.weekday}, ${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
