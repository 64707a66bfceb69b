/** Meta's messaging rate limits (spec §9), per business account, as data. */

export type RateCategory =
  | 'conversations'
  | 'send_text_instagram'
  | 'send_text_page'
  | 'send_media'
  | 'private_replies'
  | 'private_replies_live'
  | 'messenger_profile'
  | 'app';

export interface RateRule {
  /** Calls allowed per window; null switches the category off. */
  readonly limit: number | null;
  readonly windowSeconds: number;
}

export const DEFAULT_RATE_RULES: Readonly<Record<RateCategory, RateRule>> = {
  /** Conversations API: 2 calls per second per Page or Instagram account. */
  conversations: { limit: 2, windowSeconds: 1 },
  /** Send API text, links, reactions, stickers: 100/s with Instagram Login… */
  send_text_instagram: { limit: 100, windowSeconds: 1 },
  /** …and 300/s with Page tokens (Messenger, and Instagram through a Page). */
  send_text_page: { limit: 300, windowSeconds: 1 },
  /** Send API audio and video: 10/s. */
  send_media: { limit: 10, windowSeconds: 1 },
  /** Private replies to comments on posts and reels (and on a Page's posts): 750 per hour. */
  private_replies: { limit: 750, windowSeconds: 3600 },
  /** Private replies to comments on an Instagram live broadcast: 100 per second. */
  private_replies_live: { limit: 100, windowSeconds: 1 },
  /** Messenger Profile API: 10 calls per 10 minutes per Page (or Instagram account). */
  messenger_profile: { limit: 10, windowSeconds: 600 },
  /** Graph's application-level limit (code 4): off unless set through the sandbox. */
  app: { limit: null, windowSeconds: 3600 },
};

export const RATE_CATEGORIES = Object.keys(DEFAULT_RATE_RULES) as RateCategory[];
