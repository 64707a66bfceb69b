/** The sandbox clock survives restarts: its offset (or frozen instant) is kept in the store. */
import { ControllableClock, type ClockState } from '../clock.ts';
import type { Store } from '../store/store.ts';

const KEY = 'clock';

export async function openClock(store: Store): Promise<ControllableClock> {
  const clock = new ControllableClock();
  const saved = await store.getSetting(KEY);
  if (saved) clock.restore(JSON.parse(saved) as ClockState);
  return clock;
}

export async function saveClock(store: Store, clock: ControllableClock): Promise<void> {
  await store.setSetting(KEY, JSON.stringify(clock.snapshot));
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
