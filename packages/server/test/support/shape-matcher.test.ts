import { describe, expect, it } from 'vitest';
import { shapeMismatches } from './shape-matcher.ts';

describe('shapeMismatches', () => {
  it('accepts what matches and names what does not', () => {
    expect(
      shapeMismatches(
        { id: 'a1', t: '2022-07-12T19:11:07+0000', n: [1, 2] },
        { id: '<id>', t: '<time>', n: [1, '...'] },
      ),
    ).toEqual([]);
    expect(shapeMismatches({ id: 'a1', extra: 1 }, { id: '<id>' })).toEqual(['$.extra: not expected']);
    expect(shapeMismatches({ id: 'a1', extra: 1 }, { id: '<id>', '...': true })).toEqual([]);
    expect(shapeMismatches({}, { id: '<id>' })).toEqual(['$.id: missing']);
    expect(shapeMismatches({ t: '2022-07-12T19:11:07Z' }, { t: '<time>' })).toHaveLength(1);
    expect(shapeMismatches([1], [1, 2])).toEqual(['$: expected 2 items, got 1']);
    expect(shapeMismatches('x', 'y')).toEqual(['$: expected "y", got "x"']);
  });
});
