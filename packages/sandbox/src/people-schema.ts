/** What people do: message a business, react, read, tap buttons, follow links, opt in, comment, block. */
import { z } from 'zod';
import { messageOf } from './validate.ts';
import { list, object, optional, optionalGraphId, optionalOneOf, optionalText, text } from './fields.ts';

/** What a person attaches: a media kind, `share`/`ig_post` (a shared post) or `story_mention`. */
export const Attachment = object({
  type: text(40),
  url: text(4000),
  name: optionalText(500),
  mime_type: optionalText(200),
  id: optionalText(64),
});

const ReplyObject = object({
  mid: optionalText(500),
  story: optional(object({ id: text(64), url: text(4000) })),
});
const ReplyMid = text(500);

/**
 * A reply to a message (its id, or `{mid}`), or to the business's story (`{story: {id, url}}`). Which form
 * is meant is told by the value's type, so that a problem inside the object is named by its own path.
 */
export const ReplyTo = z.unknown().transform((value, ctx) => {
  const form = value !== null && typeof value === 'object' && !Array.isArray(value) ? ReplyObject : ReplyMid;
  const result = form.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.issues.push({ code: 'custom', message: messageOf(issue), path: issue.path, input: value });
  }
  return z.NEVER;
}) as unknown as z.ZodType<
  string | z.output<typeof ReplyObject>,
  string | number | z.input<typeof ReplyObject>
>;

/** Where the person came from (an ad, a link): carried as the webhook's `referral`, as given. */
export const Referral = z.record(z.string(), z.unknown(), { error: 'must be an object' });

/** `POST /users/{id}/messages` */
export const PersonMessage = object({
  to: text(),
  text: optionalText(20_000),
  attachments: optional(list(Attachment)),
  reply_to: optional(ReplyTo),
  quick_reply: optional(object({ payload: text(1000) })),
  referral: optional(Referral),
});

/** `POST /users/{id}/reactions` */
export const Reaction = object({
  message_id: text(500),
  reaction: optionalText(40),
  action: optionalOneOf(['react', 'unreact'] as const),
});

/** `POST /users/{id}/seen` */
export const Seen = object({ message_id: text(500) });

/** `POST /users/{id}/postbacks`: tapping a button. */
export const Postback = object({ to: text(), title: text(1000), payload: text(1000) });

/** `POST /users/{id}/referrals`: following an ig.me / m.me link or an ad, without a message. */
export const ReferralAct = object({
  to: text(),
  ref: text(1000),
  source: optionalText(100),
  type: optionalText(100),
});

/** How often a marketing messages token may be messaged (the opt-in request's frequency). */
export const NOTIFICATION_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;

/**
 * `POST /users/{id}/optins`: a plugin's opt-in (Send to Messenger), or with `type: "notification_messages"` an
 * opt-in to the business's marketing messages on the topic `title`.
 */
export const Optin = object({
  to: text(),
  ref: optionalText(1000),
  type: optionalText(100),
  payload: optionalText(1000),
  title: optionalText(200),
  frequency: optionalOneOf(NOTIFICATION_FREQUENCIES),
  /** The person's time zone, an IANA name (`Europe/Paris`). */
  timezone: optionalText(100),
});

/** `POST /users/{id}/checkbox-optins`: ticking a Page's checkbox plugin on a website. */
export const CheckboxOptin = object({ to: text(), user_ref: optionalText(250), ref: optionalText(1000) });

/** `POST /users/{id}/blocks` */
export const Block = object({ account_id: text() });

/** `PATCH /messages/{id}`, `POST /messages/{id}/edit` */
export const Edit = object({ text: text(20_000) });

/** `POST /users/{id}/comments`: a comment on a post, or a reply to a comment (`parent_id`). */
export const NewComment = object({ media_id: text(), text: text(2200), parent_id: optionalGraphId() });

export const SentMessage = z.object({
  message_id: z.string(),
  conversation_id: z.string(),
  sender_id: z.string(),
  recipient_id: z.string(),
  /** Epoch milliseconds. */
  timestamp: z.number(),
});

export const Reached = z.object({
  conversation_id: z.string(),
  sender_id: z.string(),
  recipient_id: z.string(),
  timestamp: z.number(),
});

export const OptedIn = Reached.extend({
  notification_messages_token: z.string().optional(),
  /** Epoch milliseconds. */
  token_expiry_timestamp: z.number().optional(),
});
export const CheckboxOptedIn = z.object({
  user_ref: z.string(),
  recipient_id: z.string(),
  timestamp: z.number(),
});

/** A marketing messages opt-in, as the sandbox shows it (times in epoch milliseconds). */
export const MarketingOptin = z.object({
  notification_messages_token: z.string(),
  account_id: z.string(),
  title: z.string(),
  payload: z.string().nullable(),
  frequency: z.enum(NOTIFICATION_FREQUENCIES),
  timezone: z.string(),
  opted_in_at: z.number(),
  token_expiry_timestamp: z.number(),
  user_token_status: z.enum(['NOT_REFRESHED', 'REFRESHED']),
  status: z.enum(['active', 'stopped', 'expired']),
  last_sent_at: z.number().nullable(),
});
/** `GET /users/{id}/optins`: what the person opted in to, oldest first. */
export const PersonOptins = z.object({
  notification_messages: z.array(MarketingOptin),
  user_refs: z.array(
    z.object({
      user_ref: z.string(),
      account_id: z.string(),
      ref: z.string().nullable(),
      opted_in_at: z.number(),
      /** The one message the Page sent to the user_ref, and when the person answered it. */
      message_id: z.string().nullable(),
      answered_at: z.number().nullable(),
    }),
  ),
});
export const Reacted = z.object({ success: z.literal(true), timestamp: z.number() });
export const Watermark = z.object({ success: z.literal(true), watermark: z.number() });
export const Blocked = z.object({ success: z.literal(true), blocked: z.boolean() });
export const Edited = z.object({ success: z.literal(true), num_edit: z.number() });

export const Comment = z.object({
  id: z.string(),
  media_id: z.string(),
  account_id: z.string(),
  user_id: z.string(),
  sender_id: z.string(),
  text: z.string(),
  timestamp: z.number(),
  /** The top-level comment it replies to; null for a top-level comment. */
  parent_id: z.string().nullable(),
});
