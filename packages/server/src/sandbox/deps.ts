/** What the sandbox routes work with. */
import type { ControllableClock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { ApiLog } from '../http/api-log.ts';
import type { Watch } from '../core/watch.ts';
import type { CdnSigner } from '../send/media/cdn.ts';
import type { RateLimiter } from '../rate-limits/rate-limiter.ts';
import type { Store } from '../store/store.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
import type { Optins } from './optins.ts';
import type { People } from './people.ts';
import type { World } from './world.ts';
import type { Revocations } from '../login/revoke.ts';

export interface SandboxDeps {
  readonly store: Store;
  readonly clock: ControllableClock;
  readonly config: ParleyConfig;
  readonly world: World;
  readonly people: People;
  readonly optins: Optins;
  readonly limiter: RateLimiter;
  readonly webhooks: Webhooks;
  /** The recent Graph calls, for the console. */
  readonly apiLog: ApiLog;
  /** Whether a console watches: what is kept only for one is kept meanwhile. */
  readonly watch: Watch;
  /** Signs the URLs of stored media (the people's uploads among them). */
  readonly cdn: CdnSigner;
  /** Lets go of resolved tokens, here and in other processes (their accounts, grants or roles changed). */
  readonly tokensChanged: () => Promise<void>;
  /** A person removing an app (and the app's callbacks hearing of it). */
  readonly revocations: Revocations;
  /** Lets go of everything kept in memory from the world a reset just emptied. */
  readonly forgetWorld: () => void;
}
