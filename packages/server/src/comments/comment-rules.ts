/**
 * The rules a comment meets, as data: what may be written, by whom, and how a refusal reads. Pure; the
 * writes in comments.ts check them. Each caller words a refusal its own way: the Graph API as Meta's
 * `(#100)` error, the sandbox as a 400 naming the field (`graphErrorOf`, `CommentRefusal.subject`).
 */
import { createHash } from 'node:crypto';
import { GraphError } from '@parley/protocol';
import type { CommentRow, MediaPostRow } from '../store/schema.ts';

/** Instagram's limits on a comment's text. */
export const COMMENT_LIMITS = { characters: 2200, hashtags: 30 } as const;

/** What a refusal is about: the post, the comment replied to, the text, or the comment acted on. */
export type RefusalSubject = 'media' | 'parent' | 'text' | 'comment';

interface RefusalSpec {
  readonly subject: RefusalSubject;
  readonly detail: string;
  /** Nothing by that id (that the caller may see): the sandbox answers 404. */
  readonly notFound?: true;
}

const REFUSALS = {
  postNotFound: { subject: 'media', detail: 'No post with id {id}', notFound: true },
  parentNotFound: { subject: 'parent', detail: 'No comment with id {id} on this post', notFound: true },
  commentNotFound: { subject: 'comment', detail: 'No comment with id {id}', notFound: true },
  storyComments: { subject: 'media', detail: 'Stories take replies as messages, not comments' },
  commentsDisabled: { subject: 'media', detail: 'Comments are turned off for this media' },
  liveEnded: { subject: 'media', detail: 'This live broadcast has ended' },
  liveByBusiness: { subject: 'media', detail: 'Comments on live video are not supported' },
  notOwnMedia: { subject: 'media', detail: 'An account comments only on its own media' },
  parentHidden: { subject: 'parent', detail: 'You cannot reply to hidden comments' },
  emptyText: { subject: 'text', detail: 'A comment needs text' },
  textTooLong: {
    subject: 'text',
    detail: `A comment is at most ${COMMENT_LIMITS.characters} characters`,
  },
  tooManyHashtags: {
    subject: 'text',
    detail: `A comment has at most ${COMMENT_LIMITS.hashtags} hashtags`,
  },
  notAuthor: { subject: 'comment', detail: 'Only its author or the business can delete a comment' },
  notModerator: { subject: 'comment', detail: 'Only the account the post belongs to can hide its comments' },
  ownComment: { subject: 'comment', detail: "The account's own comments cannot be hidden" },
  notEditable: { subject: 'comment', detail: 'Only Facebook comments can be edited, by their author' },
} as const satisfies Record<string, RefusalSpec>;

export type RefusalReason = keyof typeof REFUSALS;

/** A comment act refused by the rules; nothing was written. */
export class CommentRefusal extends Error {
  override readonly name = 'CommentRefusal';
  readonly subject: RefusalSubject;
  readonly notFound: boolean;

  constructor(
    readonly reason: RefusalReason,
    id = '',
  ) {
    const spec: RefusalSpec = REFUSALS[reason];
    super(spec.detail.replace('{id}', id));
    this.subject = spec.subject;
    this.notFound = spec.notFound === true;
  }
}

/** The refusal as the Graph API answers it: `(#100)` and the rule. */
export function graphErrorOf(refusal: CommentRefusal): GraphError {
  return new GraphError('invalidParameter', { detail: refusal.message });
}

const HASHTAG = /(?:^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
/** `@name`: letters, digits, `_` and `.` (not at its end), up to 30, not inside a word or an address. */
const MENTION = /(?:^|[^\p{L}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/gu;

/** Refuses text that breaks Instagram's rules (Pages take the same). */
export function checkCommentText(text: string): void {
  if (text.trim() === '') throw new CommentRefusal('emptyText');
  if ([...text].length > COMMENT_LIMITS.characters) throw new CommentRefusal('textTooLong');
  if ((text.match(HASHTAG)?.length ?? 0) > COMMENT_LIMITS.hashtags)
    throw new CommentRefusal('tooManyHashtags');
}

/** The usernames a text @mentions, lowercased, each once. */
export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => (m[1] ?? '').toLowerCase()))];
}

/**
 * The business's Instagram-scoped id for itself, which Meta names `self_ig_scoped_id` on its own comments:
 * derived from the account's id, so it never changes and needs no row.
 */
export function selfScopedId(accountId: string): string {
  const digest = createHash('sha256').update(`self:${accountId}`).digest();
  return String(1_000_000_000_000_000n + (digest.readBigUInt64BE() % 9_000_000_000_000_000n));
}

/** A comment (or a person's post on a Page) can get its private reply within 7 days. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether the business may still answer a person's comment or post privately (Meta's `can_reply_privately`):
 * `sent` once it did, `closed` after 7 days or when the live broadcast it is on ended, else `open`.
 */
export function privateReplyState(
  answered: Pick<CommentRow | MediaPostRow, 'private_reply_mid' | 'created_at'>,
  post: Pick<MediaPostRow, 'product_type' | 'live_ended_at'>,
  now: number,
): 'open' | 'sent' | 'closed' {
  if (answered.private_reply_mid !== null) return 'sent';
  if (post.product_type === 'LIVE' && post.live_ended_at !== null) return 'closed';
  return now - answered.created_at > PRIVATE_REPLY_WINDOW_MS ? 'closed' : 'open';
}
