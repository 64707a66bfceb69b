/** What every node sees of a Graph request: who is calling, as which API family, and the server's parts. */
import type { ApiFamily } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { ProjectionContext } from '../graph/node-type.ts';
import type { RateCategory } from '../rate-limits/rate-limit-rules.ts';
import type { AccountRow, AppRow, GrantRow, PersonRow, Platform, TokenLifetime } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { MediaFetcher } from '../outbound/media-fetcher.ts';
import type { WebhookQueue } from './webhook-queue.ts';
import type { Revocations } from '../login/revoke.ts';

/** Instagram Login user tokens, Page tokens, app tokens, and Facebook Login's user tokens. */
export type TokenKind = 'instagram' | 'page' | 'app' | 'user';

/** Who a Facebook user token speaks for: the person, as the app knows them, and what they granted. */
export interface LoginUser {
  /** The app-scoped user id (`GET /me` answers it as `id`). */
  readonly id: string;
  /** The person who logged in (undefined only if removed from the world since). */
  readonly person: PersonRow | undefined;
  readonly grant: GrantRow;
  /** The user token's own lifetime and end (Page tokens from a long-lived one never expire). */
  readonly lifetime: TokenLifetime | null;
  readonly expiresAt: number | null;
}

export interface Auth {
  readonly kind: TokenKind;
  readonly app: AppRow;
  /** The business account the token acts for (Instagram account or Page); none for app tokens. */
  readonly account?: AccountRow;
  /** Accounts the token reaches: its own, and for a Page the Instagram account linked to it. */
  readonly accounts: readonly AccountRow[];
  readonly scopes: ReadonlySet<string>;
  /** Facebook user tokens only. */
  readonly user?: LoginUser;
  /**
   * Under Standard Access, no person with a role on the token's account has a role on the app: Meta then
   * answers every call with 100 (spec §11.1).
   */
  readonly unserved?: boolean;
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
  /** A person withdrawing permissions or removing the app (`DELETE /me/permissions`). */
  readonly revocations: Revocations;
}
