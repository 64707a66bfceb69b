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

/**
 * What stands for an embedded text while `JSON.stringify` runs: a control character and a random word no
 * value can contain without knowing it, then the text's index. `JSON.stringify` writes the control character
 * as `\u0001`.
 */
const MARK = `\u0001${Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => n.toString(36)).join('')}:`;
const WRITTEN_MARK = `"\\u0001${MARK.slice(1)}`;

/** The texts of the `metaJson` call under way, in the order `JSON.stringify` met them. */
let embedding: string[] | undefined;

/**
 * JSON text written into `metaJson`'s output as it is. Its maker guarantees that it is valid JSON with nothing
 * Meta's bytes would escape: printable ASCII without `/`, such as a list of ids and times. A page of 25
 * messages is mostly their 150-character ids, and `JSON.stringify` spends most of its time checking every
 * character of them. (Node 20 has no `JSON.rawJSON`.) Serialized any other way, it is the value it holds.
 */
export class JsonText {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    if (!embedding) return JSON.parse(this.json);
    embedding.push(this.json);
    return MARK + (embedding.length - 1);
  }
}

/** `json` with each embedded text's mark replaced by the text. */
function embed(json: string, texts: readonly string[]): string {
  let out = '';
  let from = 0;
  for (let at = json.indexOf(WRITTEN_MARK); at >= 0; at = json.indexOf(WRITTEN_MARK, from)) {
    const end = json.indexOf('"', at + WRITTEN_MARK.length);
    out += json.slice(from, at) + texts[Number(json.slice(at + WRITTEN_MARK.length, end))];
    from = end + 1;
  }
  return out + json.slice(from);
}

export function metaJson(value: unknown): string {
  const texts: string[] = [];
  embedding = texts;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    embedding = undefined;
  }
  json = (hasNonAscii(json) ? json.replace(TO_ESCAPE, escapeUnit) : json).replaceAll('/', '\\/');
  // The texts have nothing to escape, and their marks are ASCII without `/`: they are escaped as they are.
  return texts.length > 0 ? embed(json, texts) : json;
}
