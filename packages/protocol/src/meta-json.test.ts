import { describe, expect, it } from 'vitest';
import { JsonText, metaJson } from './meta-json.ts';

describe('metaJson', () => {
  it("escapes non-ASCII as lowercase \\u and slashes as \\/, as Meta's bytes do", () => {
    expect(metaJson({ text: 'Grüße ☕ 안녕 こんにちは 😀', url: 'https://a.b/c' })).toBe(
      '{"text":"Gr\\u00fc\\u00dfe \\u2615 \\uc548\\ub155 \\u3053\\u3093\\u306b\\u3061\\u306f \\ud83d\\ude00","url":"https:\\/\\/a.b\\/c"}',
    );
  });

  it('parses back to the same value', () => {
    const value = { a: ['x/y', 'é', '\u2028', 'quote " and \\ backslash'], n: 1.5, b: true, z: null };
    expect(JSON.parse(metaJson(value))).toEqual(value);
  });

  it('writes JSON text as it is, wherever it sits, and the value it holds elsewhere', () => {
    const items = new JsonText('[{"id":"a1","created_time":"2026-11-22T06:51:05+0000"}]');
    const value = { data: items, nested: { list: [new JsonText('{"x":1}'), 'y/z'] }, after: 'é' };
    expect(metaJson(value)).toBe(
      '{"data":[{"id":"a1","created_time":"2026-11-22T06:51:05+0000"}],"nested":{"list":[{"x":1},"y\\/z"]},"after":"\\u00e9"}',
    );
    expect(JSON.parse(JSON.stringify(value))).toEqual(JSON.parse(metaJson(value)));
  });

  it('leaves strings that look like the mark of a text alone', () => {
    const value = { data: new JsonText('[]'), text: '\u0001:0', other: '"\u0001' };
    expect(JSON.parse(metaJson(value))).toEqual({ data: [], text: '\u0001:0', other: '"\u0001' });
  });
});
