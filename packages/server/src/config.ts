/** Server settings with Meta's defaults. Only main.ts reads the environment; everything else is handed this. */
import type { PrivateTargets } from './outbound/targets.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface ParleyConfig {
  /** Graph versions served: from `oldest` to `latest`; unversioned paths are answered as `unversioned`. */
  readonly versions: { readonly oldest: number; readonly latest: number; readonly unversioned: string };
  /** Details are readable only for this many of a conversation's newest messages. */
  readonly messageDetailWindow: number;
  /** Requests-folder conversations idle this long are not returned. */
  readonly requestsHiddenAfterMs: number;
  /** The standard messaging window after the person's last message. */
  readonly replyWindowMs: number;
  /** When set, the sandbox control plane requires it as a Bearer token. */
  readonly adminToken?: string;
  /**
   * Others than the machine's own user reach Parley: it listens beyond loopback, or an admin token guards it
   * (as behind a reverse proxy). Not exposed, the sandbox answers only requests for loopback host names, which
   * stops DNS rebinding; exposed, the admin token guards it, and no error echoes what a callback answered.
   */
  readonly exposed: boolean;
  /**
   * The non-public addresses (loopback, private networks, link-local) webhook callbacks and media URLs may
   * reach: all of them on a developer's machine; exposed, only those the operator lists.
   */
  readonly privateTargets: PrivateTargets;
  /** Meta's rate limits, on by default (`--rate-limits off` for load tests). */
  readonly rateLimits: boolean;
  /** How long a media URL (the CDN copy of sent media) works, as Meta's expire. */
  readonly mediaUrlTtlMs: number;
  /** How long Parley waits for a media URL to answer when a business sends one. */
  readonly mediaFetchTimeoutMs: number;
  /** How long a callback URL has to answer a webhook POST (or the verification GET). */
  readonly webhookTimeoutMs: number;
  /** Failed deliveries are retried for this long after their event, then given up. */
  readonly webhookRetryForMs: number;
  /** After this long failing without a success, an app is unsubscribed from the account (0: never). */
  readonly webhookDisableAfterMs: number;
}

export const DEFAULT_CONFIG: ParleyConfig = {
  versions: { oldest: 19, latest: 26, unversioned: 'v21.0' },
  messageDetailWindow: 20,
  requestsHiddenAfterMs: 30 * DAY_MS,
  replyWindowMs: DAY_MS,
  rateLimits: true,
  exposed: false,
  privateTargets: 'all',
  mediaUrlTtlMs: 3 * DAY_MS,
  mediaFetchTimeoutMs: 10_000,
  webhookTimeoutMs: 5_000,
  webhookRetryForMs: 36 * HOUR_MS,
  webhookDisableAfterMs: HOUR_MS,
};

export function withDefaults(overrides: Partial<ParleyConfig> = {}): ParleyConfig {
  // Exposed, no private target is allowed unless listed.
  const privateTargets = overrides.privateTargets ?? (overrides.exposed ? [] : 'all');
  return { ...DEFAULT_CONFIG, ...overrides, privateTargets };
}
