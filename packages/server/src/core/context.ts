/** What every node sees of a Graph request: who is calling, as which API family, and the server's parts. */
import type { ApiFamily } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { ProjectionContext } from '../graph/node-type.ts';
import type { RateCategory } from '../rate-limits/rate-limit-rules.ts';
import type { AccountRow, AppRow, Platform } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { MediaFetcher } from '../outbound/media-fetcher.ts';
import type { WebhookQueue } from './webhook-queue.ts';

export type TokenKind = 'instagram' | 'page' | 'app';

export interface Auth {
  readonly kind: TokenKind;
  readonly app: AppRow;
  /** The business account the token acts for (Instagram account or Page); none for app tokens. */
  readonly account?: AccountRow;
  /** Accounts the token reaches: its own, and for a Page the Instagram account linked to it. */
  readonly accounts: readonly AccountRow[];
  readonly scopes: ReadonlySet<string>;
}

export interface GraphContext extends ProjectionContext {
  readonly family: ApiFamily;
  /** The version the request is answered as, e.g. `v23.0`. */
  readonly version: string;
  readonly auth: Auth;
  readonly store: Store;
  readonly clock: Clock;
  readonly config: ParleyConfig;
  /** The request's instant, read once from the clock so every rule in it agrees. */
  readonly now: number;
  /** Counts a call against a rate limit (throwing Meta's error when exhausted). */
  throttle(category: RateCategory, accountId: string, platform: Platform): void;
  /** The CDN URL of a stored media asset, valid from now for the configured time. */
  mediaUrl(assetId: string): string;
  /** Fetches the media URLs a send names. */
  readonly mediaFetcher: MediaFetcher;
  /** Queues webhook events in a transaction, and verifies callback URLs. */
  readonly webhooks: WebhookQueue;
}
