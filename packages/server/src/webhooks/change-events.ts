/**
 * The `changes` items webhooks carry for comments and mentions (`{"field":…,"value":…}`), built from what
 * happened on a post. Pure functions, as messaging-events.ts; every event is ordered with the others of its
 * kind (`CHANGES_ORDER_KEY`), and its entry's `time` is written in seconds.
 */
import { metaJson, webhookFieldOf, type WebhookEventKind } from '@parley/protocol';
import { CHANGES_ORDER_KEY, type WebhookEvent } from '../core/webhook-queue.ts';
import { formatGraphTime } from '../graph/graph-time.ts';
import type { AccountRow, CommentRow, MediaPostRow } from '../store/schema.ts';

/** Who wrote a comment, as the business knows them. */
export interface Commenter {
  /** Their scoped id on the account (IGSID, PSID); the account's own id when the business wrote it. */
  readonly id: string;
  readonly username: string | null;
  readonly name: string | null;
  /** The business's IGSID for itself: set only on its own comments (Meta's `self_ig_scoped_id`). */
  readonly selfScopedId?: string;
}

/** A comment on one of the business's posts, with what its webhook names. */
export interface CommentFacts {
  readonly account: AccountRow;
  readonly post: MediaPostRow;
  readonly comment: Pick<CommentRow, 'id' | 'text' | 'parent_id'>;
  readonly from: Commenter;
}

/** What happened to a comment on a Page post, as the `feed` field's `verb` says. */
export type FeedVerb = 'add' | 'edited' | 'remove' | 'hide' | 'unhide';

function change(
  kind: WebhookEventKind,
  account: AccountRow,
  time: number,
  value: () => Record<string, unknown>,
): WebhookEvent {
  let json: string | undefined;
  return {
    kind,
    account,
    orderKey: CHANGES_ORDER_KEY,
    time,
    // Serialized only if some app receives it, as messaging events are.
    get json() {
      const object = account.type === 'instagram' ? 'instagram' : 'page';
      // Both Instagram paths name these fields alike, so the item is the same for every app.
      return (json ??= metaJson({ field: webhookFieldOf(kind, object, 'page'), value: value() }));
    },
  };
}

/**
 * A comment or reply on an Instagram post (`comments`), or on a live broadcast (`live_comments`), in the
 * order Meta's deliveries write it. The business's own comments come too, with `self_ig_scoped_id`.
 */
export function instagramComment(facts: CommentFacts, time: number): WebhookEvent {
  const { post, comment, from } = facts;
  const kind = post.product_type === 'LIVE' ? 'live_comment' : 'comment';
  return change(kind, facts.account, time, () => ({
    from: {
      id: from.id,
      username: from.username ?? '',
      ...(from.selfScopedId !== undefined && { self_ig_scoped_id: from.selfScopedId }),
    },
    media: { id: post.id, media_product_type: post.product_type },
    id: comment.id,
    ...(comment.parent_id !== null && { parent_id: comment.parent_id }),
    text: comment.text,
  }));
}

/**
 * The account was @mentioned: in a comment (`comment_id` and `media_id`), or in the caption of someone
 * else's media (`media_id` alone). The business reads the rest through the Graph API.
 */
export function instagramMention(
  account: AccountRow,
  mention: { mediaId: string; commentId?: string },
  time: number,
): WebhookEvent {
  return change('mention', account, time, () => ({
    ...(mention.commentId !== undefined && { comment_id: mention.commentId }),
    media_id: mention.mediaId,
  }));
}

/** A Page post as the `feed` field describes it beside a comment. */
function feedPost(post: MediaPostRow, time: number) {
  return {
    status_type: post.media_type === 'VIDEO' ? 'added_video' : 'added_photos',
    is_published: true,
    updated_time: formatGraphTime(time),
    permalink_url: post.permalink,
    promotion_status: 'inactive',
    id: post.id,
  };
}

/**
 * A comment on a Page post (`feed`, `item: comment`): added, edited, removed, hidden or shown again. A
 * top-level comment's `parent_id` is its post. `created_time` is when it happened, in seconds.
 */
export function pageComment(facts: CommentFacts, verb: FeedVerb, time: number): WebhookEvent {
  const { post, comment, from } = facts;
  return change('comment', facts.account, time, () => ({
    from: { id: from.id, name: from.name ?? from.username ?? '' },
    ...(verb !== 'remove' && { post: feedPost(post, time), message: comment.text }),
    post_id: post.id,
    comment_id: comment.id,
    created_time: Math.floor(time / 1000),
    item: 'comment',
    parent_id: comment.parent_id ?? post.id,
    verb,
  }));
}

/**
 * A person's post on a Page's timeline (`feed`, `item: status`), in the order of Meta's captured deliveries:
 * the business answers it privately with `recipient: {post_id}`.
 */
export function pageVisitorPost(
  account: AccountRow,
  post: Pick<MediaPostRow, 'id' | 'caption'>,
  from: Commenter,
  time: number,
): WebhookEvent {
  return change('visitor_post', account, time, () => ({
    from: { id: from.id, name: from.name ?? from.username ?? '' },
    message: post.caption ?? '',
    post_id: post.id,
    created_time: Math.floor(time / 1000),
    item: 'status',
    published: 1,
    verb: 'add',
  }));
}
