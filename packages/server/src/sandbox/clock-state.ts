/** The sandbox clock survives restarts: its offset (or frozen instant) is kept in the store. */
import { ControllableClock, REAL_TIME, type ClockState } from '../clock.ts';
import type { Store } from '../store/store.ts';

const KEY = 'clock';

export async function openClock(store: Store): Promise<ControllableClock> {
  const clock = new ControllableClock();
  clock.restore(await savedClock(store));
  return clock;
}

/** The saved clock (real time when none is saved). */
async function savedClock(store: Store): Promise<ClockState> {
  const saved = await store.settings.get(KEY);
  return saved ? (JSON.parse(saved) as ClockState) : REAL_TIME;
}

/**
 * What sets the clock to the saved one when another process has moved it. Reads may overlap and finish in
 * any order: only the one started last sets the clock, so an older read never sets it back.
 */
export function clockReloader(store: Store, clock: ControllableClock): () => Promise<void> {
  let started = 0;
  return async () => {
    const read = ++started;
    const saved = await savedClock(store);
    if (read === started) clock.restore(saved);
  };
}

/** Saves the clock, and tells the other processes on the database to read it again. */
export async function saveClock(store: Store, clock: ControllableClock): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.settings.set(KEY, JSON.stringify(clock.snapshot));
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
