import { describe, expect, it } from 'vitest';
import { formatGraphTime } from './graph-time.ts';

describe('formatGraphTime', () => {
  it('writes Graph times, identical to the ISO form, across hours and before 1970', () => {
    for (const ms of [
      0, 999, 1_000, 59_999, 3_599_999, 3_600_000, 1_657_653_067_123, 1_795_237_746_679, -1, -86_400_001,
    ]) {
      expect(formatGraphTime(ms)).toBe(
        new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + '+0000',
      );
    }
    expect(formatGraphTime(Date.UTC(2022, 6, 12, 19, 11, 7))).toBe('2022-07-12T19:11:07+0000');
  });
});
