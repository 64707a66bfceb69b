/** The demo world, and seeding on first start (`--seed demo|none|FILE`). */
import { fileURLToPath } from 'node:url';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { applySeed, SEED_LOADING_PREFIX } from './seed.ts';
import { readSeedFile, type SeedDocument } from './seed-document.ts';

/** Set once the first start has applied its seed; later starts leave the world as they find it. */
export const SEEDED_KEY = 'seeded';

export const DEMO_WORLD_FILE = fileURLToPath(new URL('./demo-world.yaml', import.meta.url));

export function loadDemoWorld(): SeedDocument {
  return readSeedFile(DEMO_WORLD_FILE);
}

/** The document a `--seed` value names: the demo world, none, or a JSON or YAML file. */
export function seedDocumentOf(seed: string): SeedDocument | undefined {
  if (seed === 'none') return undefined;
  return seed === 'demo' ? loadDemoWorld() : readSeedFile(seed);
}

/**
 * Applies `seed` if this database has never been seeded; answers whether it did. The first start claims the
 * seeding in the transaction that creates the seed's world, so of several processes starting together on one
 * database, one seeds it and the others find it claimed.
 */
export async function seedOnFirstStart(
  store: Store,
  clock: Clock,
  seed: string,
  logger: Logger = silentLogger,
): Promise<boolean> {
  const unfinished = await store.settings.keysStartingWith(SEED_LOADING_PREFIX);
  if (unfinished.length > 0) {
    logger.warn(
      { seeds: unfinished.length },
      'a seed stopped part-way through loading its messages: some of its conversations may be part-filled',
    );
    for (const key of unfinished) await store.settings.remove(key);
  }
  if (await store.settings.get(SEEDED_KEY)) return false;
  const claim = (tx: Store) => tx.settings.claim(SEEDED_KEY, seed);
  const doc = seedDocumentOf(seed);
  if (!doc) {
    await store.transaction(claim);
    return false;
  }
  return (await applySeed(doc, { store, clock }, claim)) !== undefined;
}
