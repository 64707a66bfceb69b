/** The sandbox clock survives restarts: its offset (or frozen instant) is kept in the store. */
import { ControllableClock, REAL_TIME, type ClockState } from '../clock.ts';
import type { Store } from '../store/store.ts';

const KEY = 'clock';

export async function openClock(store: Store): Promise<ControllableClock> {
  const clock = new ControllableClock();
  await reloadClock(store, clock);
  return clock;
}

/** Sets the clock to the saved one (real time when none is saved): another process may have moved it. */
export async function reloadClock(store: Store, clock: ControllableClock): Promise<void> {
  const saved = await store.getSetting(KEY);
  clock.restore(saved ? (JSON.parse(saved) as ClockState) : REAL_TIME);
}

/** Saves the clock, and tells the other processes on the database to read it again. */
export async function saveClock(store: Store, clock: ControllableClock): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.setSetting(KEY, JSON.stringify(clock.snapshot));
    await tx.announce('clock');
  });
}

export function clockView(clock: ControllableClock) {
  const now = clock.now();
  return {
    now: new Date(now).toISOString(),
    timestamp: now,
    // How far the sandbox's time is from real time, frozen or not.
    offset_seconds: Math.round((now - Date.now()) / 1000),
    frozen: clock.snapshot.frozenAt !== null,
  };
}
