import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock } from '../clock.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { clockReloader, saveClock } from './clock-state.ts';

describe('reloading the clock another process moved', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(() => store.close());

  async function saveOffset(seconds: number) {
    const moved = new ControllableClock();
    moved.advance(seconds * 1000);
    await saveClock(store, moved);
  }

  it('never lets an older read, finishing last, set the clock back', async () => {
    await saveOffset(600);
    // The first read gets its answer, then is held back until the second has finished.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const slowFirst = {
      settings: {
        get: async (key: string) => {
          const value = await store.settings.get(key);
          if (reads++ === 0) await held;
          return value;
        },
      },
    } as unknown as Store;
    const clock = new ControllableClock();
    const reload = clockReloader(slowFirst, clock);

    const first = reload();
    await saveOffset(1200);
    await reload();
    expect(clock.snapshot.offsetMs).toBe(1_200_000);
    release();
    await first;
    expect(clock.snapshot.offsetMs).toBe(1_200_000);
  });
});
