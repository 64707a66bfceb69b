/**
 * JSON serialized the way Meta writes it: every non-ASCII UTF-16 unit as a lowercase `\uXXXX` escape and
 * `/` as `\/`. Webhook signatures are computed over exactly these bytes, so they must match Meta's.
 */
const TO_ESCAPE = /[\u007f-\uffff]/g;

function escapeUnit(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

/** Whether a string holds anything beyond printable ASCII (checked natively where Node's Buffer exists). */
function hasNonAscii(text: string): boolean {
  if (typeof Buffer !== 'undefined')
    return Buffer.byteLength(text, 'utf8') !== text.length || text.includes('\u007f');
  return /[\u007f-\uffff]/.test(text);
}

export function metaJson(value: unknown): string {
  const json = JSON.stringify(value);
  return (hasNonAscii(json) ? json.replace(TO_ESCAPE, escapeUnit) : json).replaceAll('/', '\\/');
}
