/**
 * Matches a JSON response against an expected shape written in a fidelity spec.
 * Placeholders: <id> <time> <string> <number> <boolean> <any> <url>. In arrays, a last element "..."
 * allows more items; in objects, a key "..." allows more keys. Anything else must be equal.
 */
const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;

const PLACEHOLDERS: Record<string, (v: unknown) => boolean> = {
  '<id>': (v) => typeof v === 'string' && /^[A-Za-z0-9_-]+$/.test(v),
  '<time>': (v) => typeof v === 'string' && GRAPH_TIME.test(v),
  '<string>': (v) => typeof v === 'string',
  '<number>': (v) => typeof v === 'number',
  '<boolean>': (v) => typeof v === 'boolean',
  '<url>': (v) => typeof v === 'string' && /^https?:\/\//.test(v),
  '<any>': () => true,
};

/** The differences between `actual` and `expected`, as readable lines; empty when they match. */
export function shapeMismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'string' && expected in PLACEHOLDERS) {
    return PLACEHOLDERS[expected]!(actual)
      ? []
      : [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const open = expected.at(-1) === '...';
    const items = open ? expected.slice(0, -1) : expected;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${path}: expected ${open ? 'at least ' : ''}${items.length} items, got ${actual.length}`];
    }
    return items.flatMap((item, i) => shapeMismatches(actual[i], item, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    const want = expected as Record<string, unknown>;
    const have = actual as Record<string, unknown>;
    const problems = Object.entries(want)
      .filter(([key]) => key !== '...')
      .flatMap(([key, value]) =>
        key in have ? shapeMismatches(have[key], value, `${path}.${key}`) : [`${path}.${key}: missing`],
      );
    if (!('...' in want)) {
      for (const key of Object.keys(have)) if (!(key in want)) problems.push(`${path}.${key}: not expected`);
    }
    return problems;
  }
  return Object.is(actual, expected)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
