/**
 * The sandbox's controls and the business's side of the world: the clock, reset, rate limits, the inbox's
 * folders, catalog products, and health.
 */
import { z } from 'zod';
import {
  number,
  object,
  oneOf,
  optional,
  optionalFlag,
  optionalNullableNumber,
  optionalNumber,
  optionalOneOf,
  optionalText,
  optionalTime,
  text,
} from './fields.ts';

/** `POST /clock`: any of advancing, setting and freezing; all of it applies, or none. */
export const ClockMove = object({
  advance_seconds: optionalNumber(),
  set: optionalTime(),
  freeze: optionalFlag(),
}).refine(
  (move) => move.advance_seconds !== undefined || move.set !== undefined || move.freeze !== undefined,
  {
    error: 'give advance_seconds, set or freeze',
  },
);

export const Clock = z.object({
  now: z.string(),
  /** Epoch milliseconds. */
  timestamp: z.number(),
  offset_seconds: z.number(),
  frozen: z.boolean(),
});

export const RESET_SEEDS = ['none', 'demo'] as const;

/** `POST /reset` */
export const Reset = object({ seed: optionalOneOf(RESET_SEEDS) });
export const ResetDone = z.object({ success: z.literal(true), seed: z.enum(RESET_SEEDS) });

/** Meta's rate limits by name, as the sandbox switches them. */
export const RATE_LIMIT_NAMES = [
  'conversations',
  'send_text_instagram',
  'send_text_page',
  'send_media',
  'private_replies',
  'private_replies_live',
  'messenger_profile',
  'app',
] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

const LimitRule = object({
  /** `null` switches the limit off. */
  limit: optionalNullableNumber({ min: 1 }),
  window_seconds: optionalNumber({ min: 0.001 }),
});

const limitRules = Object.fromEntries(RATE_LIMIT_NAMES.map((name) => [name, optional(LimitRule)])) as {
  [K in RateLimitName]: ReturnType<typeof optional<typeof LimitRule>>;
};

/** `POST /limits` */
export const LimitsChange = object({
  enabled: optionalFlag(),
  limits: optional(
    z.strictObject(limitRules, {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown limit "${issue.keys[0]}"; limits are ${RATE_LIMIT_NAMES.join(', ')}`
          : issue.code === 'invalid_type'
            ? 'must be an object'
            : undefined,
    }),
  ),
});

export const Limits = z.object({
  enabled: z.boolean(),
  limits: z.record(z.string(), z.object({ limit: z.number().nullable(), window_seconds: z.number() })),
});

export const INSTAGRAM_FOLDERS = ['primary', 'general', 'requests'] as const;
export const MESSENGER_FOLDERS = ['inbox', 'other', 'page_done', 'spam'] as const;
export const FOLDERS = [...INSTAGRAM_FOLDERS, ...MESSENGER_FOLDERS] as const;

/** `PATCH /conversations/{id}`: the business's staff move it (to one of its platform's folders). */
export const ConversationMove = object({ folder: oneOf(FOLDERS) });

export const Conversation = z.object({
  id: z.string(),
  account_id: z.string(),
  platform: z.enum(['instagram', 'messenger']),
  user_id: z.string(),
  scoped_id: z.string(),
  /** Where the business's inbox keeps it. */
  folder: z.enum(FOLDERS),
  /**
   * Where the person sees it: `requests` while an Instagram conversation the business started (a private
   * reply) waits for the answer of someone who does not follow the account; else `inbox`.
   */
  user_folder: z.enum(['inbox', 'requests']),
  message_count: z.number(),
  unread_count: z.number(),
  updated_time: z.string(),
  last_user_activity_time: z.string().nullable(),
});

/** `POST /accounts/{id}/products`: a product in a Page's catalog, for the product template to send. */
export const NewProduct = object({
  name: text(200),
  price: number({ min: 0 }),
  /** An ISO 4217 code; USD when absent. */
  currency: optionalText(3),
  image_url: optionalText(4000),
  retailer_id: optionalText(100),
});

export const Product = z.object({
  id: z.string(),
  account_id: z.string(),
  retailer_id: z.string(),
  name: z.string(),
  price: z.string(),
  image_url: z.string(),
});

export const Health = z.object({ ok: z.literal(true) });
