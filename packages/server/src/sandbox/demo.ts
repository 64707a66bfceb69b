/** The demo world, and seeding on first start (`--seed demo|none|FILE`). */
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { applySeed } from './seed.ts';
import { readSeedFile, type SeedDocument } from './seed-document.ts';

/** Set once the first start has applied its seed; later starts leave the world as they find it. */
export const SEEDED_KEY = 'seeded';

export const DEMO_WORLD_FILE = fileURLToPath(new URL('./demo-world.yaml', import.meta.url));

export function loadDemoWorld(): SeedDocument {
  return readSeedFile(DEMO_WORLD_FILE);
}

/** Applies `seed` if this database has never been seeded; answers whether it did. */
export async function seedOnFirstStart(store: Store, clock: Clock, seed: string): Promise<boolean> {
  if (await store.settings.get(SEEDED_KEY)) return false;
  if (seed !== 'none') {
    const doc = seed === 'demo' ? loadDemoWorld() : readSeedFile(seed);
    await applySeed(doc, { store, clock });
  }
  await store.settings.set(SEEDED_KEY, seed);
  return seed !== 'none';
}
