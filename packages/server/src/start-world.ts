/** The world a start begins with: the one the database holds, the seed on a first start, or (`--reset`) the seed in its place. */
import { REAL_TIME, type ControllableClock } from './clock.ts';
import type { Logger } from './core/logger.ts';
import { saveClock } from './sandbox/clock-state.ts';
import { SEEDED_KEY, seedOnFirstStart } from './sandbox/demo.ts';
import { readSeedFile } from './sandbox/seed-document.ts';
import { SERVER_SECRET_KEY } from './store/server-secret.ts';
import type { Store } from './store/store.ts';

export interface WorldAtStart {
  /** `seeded` on a first start; `replaced` with --reset; `kept` when the database held a world; `empty` else. */
  readonly state: 'seeded' | 'replaced' | 'kept' | 'empty';
  /** The seed the world was made from (`demo`, `none` or a file), as the first start recorded it. */
  readonly seed: string;
  /** A seed asked for that this start did not apply, because the database already held a world. */
  readonly notApplied?: string;
}

export async function prepareWorld(
  store: Store,
  clock: ControllableClock,
  options: { readonly seed: string; readonly reset?: boolean },
  logger: Logger,
): Promise<WorldAtStart> {
  if (options.reset) {
    // A seed that cannot be read must fail the start before it empties anything.
    if (options.seed !== 'demo' && options.seed !== 'none') readSeedFile(options.seed);
    // Everything goes but the server's secret, which keys ids and cursors: then the seed applies afresh.
    await store.reset([SERVER_SECRET_KEY]);
    clock.restore(REAL_TIME);
    await saveClock(store, clock);
    await store.announce('reset');
  }
  if (await seedOnFirstStart(store, clock, options.seed, logger)) {
    return { state: options.reset ? 'replaced' : 'seeded', seed: options.seed };
  }
  const seed = (await store.settings.get(SEEDED_KEY)) ?? 'none';
  const holdsWorld = (await store.apps.list(1)).length > 0 || (await store.accounts.list(1)).length > 0;
  return {
    state: holdsWorld ? 'kept' : 'empty',
    seed,
    ...(holdsWorld && seed !== options.seed && options.seed !== 'none' && { notApplied: options.seed }),
  };
}
