import { describe, expect, it } from 'vitest';
import { metaJson } from './meta-json.ts';

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
});
