import { describe, expect, it } from 'vitest';
import { ControllableClock } from './clock.ts';

describe('ControllableClock', () => {
  let real = 1_000_000;
  const clock = new ControllableClock(undefined, () => real);

  it('follows real time, moved by an offset', () => {
    expect(clock.now()).toBe(1_000_000);
    clock.advance(5_000);
    real += 10;
    expect(clock.now()).toBe(1_005_010);
    clock.set(2_000_000);
    expect(clock.now()).toBe(2_000_000);
    real += 1;
    expect(clock.now()).toBe(2_000_001);
  });

  it('can stand still, and resume from where it stood', () => {
    clock.freeze(true);
    const frozen = clock.now();
    real += 1_000;
    expect(clock.now()).toBe(frozen);
    clock.advance(60_000);
    expect(clock.now()).toBe(frozen + 60_000);
    clock.freeze(false);
    real += 5;
    expect(clock.now()).toBe(frozen + 60_005);
  });
});
