/** The world a start begins with: the one the database holds, the seed on a first start, or (`--reset`) the seed in its place. */
import { REAL_TIME, type ControllableClock } from './clock.ts';
import type { Logger } from './core/logger.ts';
import { saveClock } from './sandbox/clock-state.ts';
import { SEEDED_KEY, seedDocumentOf, seedOnFirstStart } from './sandbox/demo.ts';
import { SERVER_SECRET_KEY } from './store/server-secret.ts';
import type { AccountRow, AppRow, TokenRow } from './store/schema.ts';
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
    seedDocumentOf(options.seed);
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

/** The world's first app with the tokens it holds and their accounts, Instagram first: what a start shows and wires. */
export interface FirstApp {
  readonly app: AppRow;
  readonly tokens: readonly { readonly token: TokenRow; readonly account: AccountRow }[];
}

export async function firstAppOf(store: Store): Promise<FirstApp | undefined> {
  const [app] = await store.apps.list(1);
  if (!app) return undefined;
  const tokens = [];
  for (const token of await store.tokens.listOfApp(app.id)) {
    const account = await store.accounts.get(token.account_id);
    if (account) tokens.push({ token, account });
  }
  // Instagram first, as the README's examples go.
  tokens.sort((a, b) => Number(b.account.type === 'instagram') - Number(a.account.type === 'instagram'));
  return { app, tokens };
}
