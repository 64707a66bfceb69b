/**
 * Parses Graph's `fields` syntax: `a,b{c,d}.limit(5),e.as(x)` into a selection tree.
 * Malformed input raises 2500 "Syntax error …" with the character position, as Graph does.
 */
import { GraphError } from '@parley/protocol';

export interface FieldRequest {
  readonly name: string;
  /** `.as(alias)`: the key the value is written under. */
  readonly alias?: string;
  /** `.limit(n)` on an edge. */
  readonly limit?: number;
  /** `.summary(true)` on an edge. */
  readonly summary?: boolean;
  /**
   * Other modifiers, by name: a field's arguments (`mentioned_media.media_id(17873440459141021)`), and
   * Graph's edge modifiers that change nothing here (`order`, `filter`, `since`, `until`).
   */
  readonly args?: Readonly<Record<string, string>>;
  /** `{…}`: the sub-selection, undefined when none was given. */
  readonly selection?: FieldSelection;
}

export type FieldSelection = readonly FieldRequest[];

const NAME_CHAR = /[A-Za-z0-9_]/;
/** Selections nest far less than this in any real request; deeper ones are refused rather than recursed into. */
const MAX_DEPTH = 100;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): FieldSelection {
    const list = this.list();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`Expected end of string instead of "${this.text[this.pos]}".`);
    return list;
  }

  private list(): FieldRequest[] {
    const fields: FieldRequest[] = [];
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      // Graph tolerates empty items (`a,,b` and a trailing comma).
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === undefined || ch === '}') return fields;
      fields.push(this.field());
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos++;
      else return fields;
    }
  }

  private field(): FieldRequest {
    const name = this.name();
    let field: { -readonly [K in keyof FieldRequest]: FieldRequest[K] } = { name };
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === '.') {
        this.pos++;
        field = this.modifier(field);
      } else if (ch === '{') {
        if (field.selection) this.fail('Expected "," or "}" instead of "{".');
        if (++this.depth > MAX_DEPTH) this.fail('Fields are nested too deeply.');
        this.pos++;
        field.selection = this.list();
        this.depth--;
        this.skipSpace();
        if (this.text[this.pos] !== '}') this.fail(this.expected('"}"'));
        this.pos++;
      } else {
        return field;
      }
    }
  }

  private modifier(field: { -readonly [K in keyof FieldRequest]: FieldRequest[K] }) {
    const start = this.pos;
    const name = this.name();
    this.skipSpace();
    if (this.text[this.pos] !== '(') this.fail(this.expected('"("'));
    this.pos++;
    const close = this.text.indexOf(')', this.pos);
    if (close < 0) this.fail(this.expected('")"', this.text.length));
    const arg = this.text.slice(this.pos, close).trim();
    const argAt = this.pos;
    this.pos = close + 1;
    switch (name) {
      case 'limit': {
        if (!/^\d+$/.test(arg)) this.fail(`Expected an integer instead of "${arg}".`, argAt);
        return { ...field, limit: Number(arg) };
      }
      case 'as':
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg)) this.fail(`Expected an alias instead of "${arg}".`, argAt);
        return { ...field, alias: arg };
      case 'summary':
        return { ...field, summary: arg === 'true' || arg === '1' };
      default:
        if (!/^[a-z_]+$/.test(name)) this.fail(`Unknown modifier "${name}".`, start);
        return { ...field, args: { ...field.args, [name]: arg } };
    }
  }

  private name(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && NAME_CHAR.test(this.text[this.pos]!)) this.pos++;
    if (start === this.pos) this.fail(this.expected('a field name'));
    return this.text.slice(start, this.pos);
  }

  private expected(what: string, at = this.pos): string {
    const found = this.text[at];
    return `Expected ${what} instead of ${found === undefined ? 'end of string' : `"${found}"`}.`;
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private fail(detail: string, at = this.pos): never {
    throw new GraphError('fieldsSyntaxError', { detail, position: at, fields: this.text });
  }
}

/** Parses a `fields` value; undefined or blank means "the node's default fields". */
export function parseFields(text: string | undefined): FieldSelection | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  return new Parser(text).parse();
}
