/**
 * Private replies (spec §5.8): `recipient: {comment_id}` answers a person's comment on the business's
 * Instagram media or Page post, `recipient: {post_id}` a person's post on a Page (a visitor post), with one
 * message: once each, within 7 days of it (on an Instagram live broadcast, while the broadcast runs), from the
 * account it is on. The message opens a conversation with the person, but not the messaging window: only the
 * person's answer does. Instagram refuses every such reply with 2534025; Messenger with 10900 when it was sent
 * already and 10903 otherwise.
 */
import { GraphError } from '@parley/protocol';
import { privateReplyState } from '../comments/comment-rules.ts';
import type { GraphContext } from '../core/context.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import type { MessageContext } from '../messaging/message-content.ts';
import type { RateCategory } from '../rate-limits/rate-limit-rules.ts';
import type { AccountRow, CommentRow, MediaPostRow, Platform } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { OutgoingMessage } from './outgoing-message.ts';
import { availablePerson } from './scoped-person.ts';

/** What a private reply answers: a comment (and the post it is on), or a person's post on a Page. */
type Answered =
  | { readonly comment: CommentRow; readonly post: MediaPostRow }
  | { readonly comment?: undefined; readonly post: MediaPostRow };

export interface PrivateReplyRecipient {
  readonly kind: 'private_reply';
  readonly account: AccountRow;
  readonly platform: Platform;
  /** Who wrote the comment or post. */
  readonly personId: string;
  readonly answered: Answered;
}

/** The refusal for a comment or post that cannot be answered privately (now, or any more). */
function notAllowed(platform: Platform): GraphError {
  return new GraphError(platform === 'instagram' ? 'invalidPrivateReply' : 'privateReplyNotAllowed');
}

/** The refusal for a second private reply. */
function answeredAlready(platform: Platform): GraphError {
  return new GraphError(platform === 'instagram' ? 'invalidPrivateReply' : 'privateReplySent');
}

/**
 * A comment or post the sender cannot answer, or that is not there: a post is a Page's (Messenger's); a
 * comment's platform is told by the sender, or for a Page by the id's shape (a Page's ids have an `_`).
 */
function notFound(ref: { commentId?: string; postId?: string }, sender: AccountRow): GraphError {
  const instagram =
    sender.type === 'instagram' || (ref.commentId !== undefined && !ref.commentId.includes('_'));
  return notAllowed(instagram ? 'instagram' : 'messenger');
}

async function answeredOf(store: Store, ref: { commentId?: string; postId?: string }) {
  const id = ref.commentId ?? ref.postId!;
  if (!/^[\d_]+$/.test(id)) return undefined;
  if (ref.postId !== undefined) {
    const post = await store.posts.get(id);
    return post && { post, personId: post.author_person_id };
  }
  const comment = await store.posts.getComment(id);
  const post = comment && (await store.posts.get(comment.media_id));
  // A comment on a person's own media is not on the business's post, even where it mentions the business.
  return post && post.author_person_id === null ? { comment, post, personId: comment.person_id } : undefined;
}

/**
 * The person a `comment_id` or `post_id` names, through the accounts the sender reaches. The business's own
 * comments and posts, and anything it cannot reach, cannot be answered.
 */
export async function resolvePrivateReply(
  ref: { commentId: string; postId?: undefined } | { commentId?: undefined; postId: string },
  sender: AccountRow,
  reachable: readonly AccountRow[],
  ctx: GraphContext,
): Promise<PrivateReplyRecipient> {
  const found = await answeredOf(ctx.store, ref);
  const account = found && reachable.find((a) => a.id === found.post.account_id);
  if (!found || !account) throw notFound(ref, sender);
  const platform = platformOf(account);
  // A visitor post is a person's post on a Page: posts on Instagram are not answered by `post_id`.
  if (ref.postId !== undefined && platform !== 'messenger') throw notAllowed('messenger');
  if (found.personId === null) throw notAllowed(platform);
  await availablePerson(account.id, found.personId, ctx.store);
  const answered = found.comment ? { comment: found.comment, post: found.post } : { post: found.post };
  return { kind: 'private_reply', account, platform, personId: found.personId, answered };
}

/** Refuses a reply the comment or post no longer takes: one was sent, it is over 7 days old, the live ended. */
export function requirePrivateReplyTurn({ answered, platform }: PrivateReplyRecipient, now: number): void {
  const state = privateReplyState(answered.comment ?? answered.post, answered.post, now);
  if (state === 'sent') throw answeredAlready(platform);
  if (state === 'closed') throw notAllowed(platform);
}

/** Records the send as the comment's or post's one private reply, in its transaction. */
export async function claimPrivateReply(tx: Store, recipient: PrivateReplyRecipient, messageId: string) {
  const { comment, post } = recipient.answered;
  const target = comment ? { commentId: comment.id } : { postId: post.id };
  if (!(await tx.posts.claimPrivateReply(target, messageId))) throw answeredAlready(recipient.platform);
}

/** A sender action names a person, never a comment or a post. */
export function refuseSenderAction(recipient: PrivateReplyRecipient): never {
  throw notAllowed(recipient.platform);
}

/** Which limit the reply counts against: 750 an hour, or 100 a second on a live broadcast. */
export function privateReplyCategory({ answered }: PrivateReplyRecipient): RateCategory {
  return answered.post.product_type === 'LIVE' ? 'private_replies_live' : 'private_replies';
}

/**
 * What a private reply may carry. On Messenger, anything the Send API takes (Meta's page: "all messaging types
 * … are available"); on Instagram, text, quick replies and templates, but no media.
 */
export function checkPrivateReplyContent(recipient: PrivateReplyRecipient, message: OutgoingMessage): void {
  if (recipient.platform === 'instagram' && message.attachments.some((a) => a.kind !== 'template'))
    throw new GraphError('invalidMessageData');
}

/** What the stored message keeps of what it answers: the comment or post, and the post's link. */
export function privateReplyContext({ answered }: PrivateReplyRecipient): MessageContext['private_reply'] {
  return {
    ...(answered.comment ? { comment_id: answered.comment.id } : {}),
    media_id: answered.post.id,
    permalink: answered.post.permalink,
  };
}
