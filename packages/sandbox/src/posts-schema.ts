/**
 * Posts and comments: the business's media (posts, reels, stories, live broadcasts; Page posts), people's own
 * media that mentions a business, and the comments and replies on them, as the sandbox makes and lists them.
 */
import { z } from 'zod';
import { object, optionalFlag, optionalOneOf, optionalText, text } from './fields.ts';

/** Instagram's `media_type`; `REELS` is a reel (a `VIDEO` whose `media_product_type` is `REELS`). */
export const MEDIA_TYPES = ['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM', 'REELS'] as const;
/** Where the media is published, as Instagram's `media_product_type` says: Page posts are `FEED`. */
export const MEDIA_PRODUCT_TYPES = ['FEED', 'REELS', 'STORY', 'LIVE', 'AD'] as const;

/** `POST /accounts/{id}/media`: a post on an Instagram account or a Page. */
export const NewPost = object({
  media_type: optionalOneOf(MEDIA_TYPES),
  media_product_type: optionalOneOf(MEDIA_PRODUCT_TYPES),
  media_url: optionalText(4000),
  caption: optionalText(2200),
  /** `false` publishes it with comments turned off. */
  comments_enabled: optionalFlag(),
});

/**
 * `POST /users/{id}/media`: a person's own post, whose caption @mentions Instagram business accounts; or, with
 * `to` a Page's id, a post on that Page's timeline (a visitor post), which the Page may answer privately.
 */
export const PersonPost = object({
  caption: text(2200),
  media_type: optionalOneOf(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM'] as const),
  media_url: optionalText(4000),
  to: optionalText(64),
});

/** The private reply the business sent to a comment or a visitor post: the message, in its conversation. */
export const PrivateReplySent = z.object({ message_id: z.string(), conversation_id: z.string() });

/** `PATCH /media/{id}`: the business turns comments off or on; a live broadcast ends. */
export const PostChange = object({
  comments_enabled: optionalFlag(),
  /** `true` ends a live broadcast: people can no longer comment on it. */
  end_live: optionalFlag(),
}).refine((change) => change.comments_enabled !== undefined || change.end_live !== undefined, {
  error: 'give comments_enabled or end_live',
});

export const Post = z.object({
  id: z.string(),
  /** The account it is on; for a person's media, the first account its caption mentions. */
  account_id: z.string(),
  media_type: z.enum(MEDIA_TYPES),
  media_product_type: z.enum(MEDIA_PRODUCT_TYPES),
  media_url: z.string(),
  permalink: z.string(),
  caption: z.string().nullable(),
  comments_enabled: z.boolean(),
  /** Comments and replies not deleted. */
  comments_count: z.number(),
  /** When a live broadcast ended (epoch milliseconds); null while it runs, and for other media. */
  live_ended_at: z.number().nullable(),
  /** The person whose own media (or post on a Page) it is; null for the business's. */
  user_id: z.string().nullable(),
  /** Epoch milliseconds. */
  timestamp: z.number(),
  /** A person's post on a Page: the private reply the Page sent to it, if any. */
  private_reply: PrivateReplySent.nullable(),
});

const paging = z.object({ next: z.string() }).optional();

/** `GET /accounts/{id}/media`: newest first. */
export const Posts = z.object({ data: z.array(Post), paging });

/** `PATCH /comments/{id}`: the business hides or shows a comment; its author edits a Facebook comment. */
export const CommentChange = object({
  hidden: optionalFlag(),
  text: optionalText(2200),
}).refine((change) => change.hidden !== undefined || change.text !== undefined, {
  error: 'give hidden or text',
});

export const PostComment = z.object({
  id: z.string(),
  media_id: z.string(),
  /** The top-level comment it replies to; null for a top-level comment. */
  parent_id: z.string().nullable(),
  /** The person who wrote it; null when the business did. */
  user_id: z.string().nullable(),
  username: z.string().nullable(),
  text: z.string(),
  /** Epoch milliseconds. */
  timestamp: z.number(),
  hidden: z.boolean(),
  /**
   * The private reply the business sent to it (one per comment), and the conversation it opened; null
   * while none was sent.
   */
  private_reply: PrivateReplySent.nullable(),
});

/** `GET /media/{id}/comments`: top-level comments newest first, each with its replies oldest first. */
export const PostComments = z.object({
  data: z.array(PostComment.extend({ replies: z.array(PostComment) })),
  paging,
});
