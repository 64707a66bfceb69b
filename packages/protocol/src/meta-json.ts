/**
 * JSON serialized the way Meta writes it: every non-ASCII UTF-16 unit as a lowercase `\uXXXX` escape and
 * `/` as `\/`. Webhook signatures are computed over exactly these bytes, so they must match Meta's.
 */
const ESCAPED = /[/\u007f-\uffff]/g;

function escape(ch: string): string {
  return ch === '/' ? '\\/' : '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(ESCAPED, escape);
}
