import { describe, expect, it } from 'vitest';
import { formatGraphTime } from './graph-time.ts';

const isoForm = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + '+0000';

describe('formatGraphTime', () => {
  it('writes Graph times, identical to the ISO form, across hours and before 1970', () => {
    for (const ms of [
      0, 999, 1_000, 59_999, 3_599_999, 3_600_000, 1_657_653_067_123, 1_795_237_746_679, -1, -86_400_001,
    ]) {
      expect(formatGraphTime(ms)).toBe(isoForm(ms));
    }
    expect(formatGraphTime(Date.UTC(2022, 6, 12, 19, 11, 7))).toBe('2022-07-12T19:11:07+0000');
  });

  it('agrees with the ISO form on day boundaries from year 53 to 9909, leap days and century years included', () => {
    for (let day = -700_000; day <= 2_900_000; day += 97) {
      const ms = day * 86_400_000;
      expect(formatGraphTime(ms)).toBe(isoForm(ms));
      expect(formatGraphTime(ms - 1)).toBe(isoForm(ms - 1));
    }
    for (const date of ['2000-02-29', '2024-02-29', '2100-03-01', '1900-02-28', '2026-12-31'])
      expect(formatGraphTime(Date.parse(`${date}T23:59:59Z`))).toBe(`${date}T23:59:59+0000`);
  });
});
