/**
 * Comments as the platforms have them, free of HTTP: people and the business comment and reply on posts,
 * delete, hide and (on Facebook) edit comments. Each act checks its rules (comment-rules.ts), writes in the
 * caller's transaction and queues its webhooks there: `comments` / `live_comments` and `mentions` on
 * Instagram, `feed` on Pages. The sandbox (people's acts) and the Graph API (the business's) both write here.
 */
import { newId } from '../graph/ids.ts';
import type { WebhookEvent, WebhookQueue } from '../core/webhook-queue.ts';
import type { AccountRow, CommentRow, MediaPostRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import * as changes from '../webhooks/change-events.ts';
import type { Commenter, FeedVerb } from '../webhooks/change-events.ts';
import { checkCommentText, CommentRefusal, mentionsIn, selfScopedId } from './comment-rules.ts';

/** What every act works with: the caller's transaction, the webhook queue, and the time it happens at. */
export interface CommentsContext {
  readonly tx: Store;
  readonly webhooks: Pick<WebhookQueue, 'emit'>;
  /** Epoch milliseconds, from the clock. */
  readonly now: number;
}

/** Who acts: a person, or the business account (through the API). */
export type CommentActor = PersonActor | BusinessActor;
type PersonActor = { readonly personId: string };
type BusinessActor = { readonly accountId: string };

export interface NewCommentInput {
  readonly mediaId: string;
  readonly author: CommentActor;
  readonly text: string;
  /** The comment replied to; a reply to a reply goes under its top-level comment, as on Instagram. */
  readonly parentId?: string;
  /** A fixed id (seeds); otherwise one is made in Meta's shape. */
  readonly id?: string;
}

export interface WrittenComment {
  readonly comment: CommentRow;
  readonly post: MediaPostRow;
  /** The business account the post belongs to (for a person's media, the one its caption mentions). */
  readonly account: AccountRow;
  /** The commenter's scoped id on that account (made on their first comment): set when a person wrote it. */
  readonly scopedId?: string;
}

/** A post that exists. */
export async function requirePost(tx: Store, mediaId: string): Promise<MediaPostRow> {
  const post = /^[\d_]+$/.test(mediaId) ? await tx.posts.get(mediaId) : undefined;
  if (!post) throw new CommentRefusal('postNotFound', mediaId);
  return post;
}

/** A comment that has not been deleted. */
export async function requireComment(tx: Store, commentId: string): Promise<CommentRow> {
  const comment = /^[\d_]+$/.test(commentId) ? await tx.posts.getComment(commentId) : undefined;
  if (!comment) throw new CommentRefusal('commentNotFound', commentId);
  return comment;
}

async function accountOf(tx: Store, post: Pick<MediaPostRow, 'account_id'>): Promise<AccountRow> {
  const account = await tx.accounts.get(post.account_id);
  if (!account) throw new Error(`post without account ${post.account_id}`);
  return account;
}

function isBusiness(actor: CommentActor): actor is BusinessActor {
  return 'accountId' in actor;
}

/** What says whose a post is. */
type PostOwnership = Pick<MediaPostRow, 'id' | 'account_id' | 'author_person_id'>;

/** The business's own post (not a person's media that mentions it). */
function ownsPost(accountId: string, post: PostOwnership): boolean {
  return post.account_id === accountId && post.author_person_id === null;
}

function checkCommentable(post: MediaPostRow, author: CommentActor): void {
  if (post.product_type === 'STORY') throw new CommentRefusal('storyComments');
  if (isBusiness(author) && !ownsPost(author.accountId, post)) throw new CommentRefusal('notOwnMedia');
  if (post.comments_enabled === 0) throw new CommentRefusal('commentsDisabled');
  if (post.product_type === 'LIVE') {
    if (isBusiness(author)) throw new CommentRefusal('liveByBusiness');
    if (post.live_ended_at !== null) throw new CommentRefusal('liveEnded');
  }
}

/** The top-level comment a reply goes under. */
async function parentOf(tx: Store, post: MediaPostRow, parentId: string): Promise<string> {
  const parent = /^[\d_]+$/.test(parentId) ? await tx.posts.getComment(parentId) : undefined;
  if (!parent || parent.media_id !== post.id) throw new CommentRefusal('parentNotFound', parentId);
  if (parent.hidden === 1) throw new CommentRefusal('parentHidden');
  return parent.parent_id ?? parent.id;
}

/** Who wrote a comment, as its account knows them; a person gets a scoped id on the account if new. */
async function commenterOf(
  ctx: CommentsContext,
  account: AccountRow,
  personId: string | null,
): Promise<Commenter> {
  if (personId === null) {
    return {
      id: account.id,
      username: account.username,
      name: account.name,
      ...(account.type === 'instagram' && { selfScopedId: selfScopedId(account.id) }),
    };
  }
  const person = await ctx.tx.people.get(personId);
  if (!person) throw new Error(`comment by unknown person ${personId}`);
  const id = await ctx.tx.people.ensureScopedId({
    scoped_id: newId.scopedUser(),
    account_id: account.id,
    person_id: personId,
    created_at: ctx.now,
  });
  return { id, username: person.username, name: person.name };
}

/** `mentions` for each Instagram account a text @mentions, on media that is not its own. */
export async function mentionEvents(
  tx: Store,
  text: string,
  post: PostOwnership,
  at: number,
  commentId?: string,
): Promise<WebhookEvent[]> {
  const events: WebhookEvent[] = [];
  for (const username of mentionsIn(text)) {
    for (const account of await tx.accounts.instagramByUsername(username)) {
      if (ownsPost(account.id, post)) continue;
      events.push(
        changes.instagramMention(account, { mediaId: post.id, ...(commentId && { commentId }) }, at),
      );
    }
  }
  return events;
}

/** A comment or a reply, by a person or by the business on its own post. */
export async function addComment(ctx: CommentsContext, input: NewCommentInput): Promise<WrittenComment> {
  const { tx, now } = ctx;
  const post = await requirePost(tx, input.mediaId);
  checkCommentable(post, input.author);
  const parentId = input.parentId === undefined ? null : await parentOf(tx, post, input.parentId);
  checkCommentText(input.text);
  const account = await accountOf(tx, post);
  const personId = isBusiness(input.author) ? null : input.author.personId;
  const id = input.id ?? (account.type === 'page' ? newId.pageComment(post.id) : newId.instagramComment());
  await tx.posts.insertComment({
    id,
    media_id: post.id,
    account_id: post.account_id,
    parent_id: parentId,
    person_id: personId,
    text: input.text,
    created_at: now,
    deleted_at: null,
    private_reply_mid: null,
  });
  const comment = await requireComment(tx, id);
  const events = account.type === 'instagram' ? await mentionEvents(tx, input.text, post, now, id) : [];
  const from = await commenterOf(ctx, account, personId);
  const facts = { account, post, comment, from };
  // A person's media that mentions a business is not the business's to hear comments on.
  if (post.author_person_id === null) {
    events.unshift(
      account.type === 'page' ? changes.pageComment(facts, 'add', now) : changes.instagramComment(facts, now),
    );
  }
  await ctx.webhooks.emit(tx, events);
  return { comment, post, account, ...(personId !== null && { scopedId: from.id }) };
}

/** The comment, its post and account, and whether the actor owns the post. */
async function commentInContext(tx: Store, commentId: string, actor: CommentActor) {
  const comment = await requireComment(tx, commentId);
  const post = await requirePost(tx, comment.media_id);
  const moderates = isBusiness(actor) && ownsPost(actor.accountId, post);
  return { comment, post, account: await accountOf(tx, post), moderates };
}

function isAuthor(comment: CommentRow, actor: CommentActor): boolean {
  return isBusiness(actor)
    ? comment.person_id === null && comment.account_id === actor.accountId
    : comment.person_id === actor.personId;
}

/** Facebook's webhook for a change to a comment on a Page's own post (Instagram sends none). */
async function emitFeedChange(
  ctx: CommentsContext,
  facts: Omit<changes.CommentFacts, 'from' | 'comment'> & { readonly comment: CommentRow },
  verb: FeedVerb,
): Promise<void> {
  if (facts.account.type !== 'page' || facts.post.author_person_id !== null) return;
  const from = await commenterOf(ctx, facts.account, facts.comment.person_id);
  await ctx.webhooks.emit(ctx.tx, [changes.pageComment({ ...facts, from }, verb, ctx.now)]);
}

/**
 * Deletes a comment, by its author or by the account the post belongs to; a top-level comment's replies go
 * with it. Answers how many comments went.
 */
export async function deleteComment(
  ctx: CommentsContext,
  commentId: string,
  actor: CommentActor,
): Promise<number> {
  const { comment, post, account, moderates } = await commentInContext(ctx.tx, commentId, actor);
  if (!moderates && !isAuthor(comment, actor)) throw new CommentRefusal('notAuthor');
  const deleted = await ctx.tx.posts.deleteComment(comment.id, ctx.now);
  await emitFeedChange(ctx, { account, post, comment }, 'remove');
  return deleted;
}

/** Hides a comment from everyone but its author, or shows it again: the post's account only. */
export async function hideComment(
  ctx: CommentsContext,
  commentId: string,
  accountId: string,
  hidden: boolean,
): Promise<CommentRow> {
  const actor = { accountId };
  const { comment, post, account, moderates } = await commentInContext(ctx.tx, commentId, actor);
  if (!moderates) throw new CommentRefusal('notModerator');
  if (comment.person_id === null) throw new CommentRefusal('ownComment');
  if ((comment.hidden === 1) === hidden) return comment;
  await ctx.tx.posts.updateComment(comment.id, { hidden: hidden ? 1 : 0 });
  await emitFeedChange(ctx, { account, post, comment }, hidden ? 'hide' : 'unhide');
  return { ...comment, hidden: hidden ? 1 : 0 };
}

/** Edits a comment on a Facebook post: by its author only (Instagram comments are not edited). */
export async function editComment(
  ctx: CommentsContext,
  commentId: string,
  actor: CommentActor,
  text: string,
): Promise<CommentRow> {
  const { comment, post, account } = await commentInContext(ctx.tx, commentId, actor);
  if (account.type !== 'page' || !isAuthor(comment, actor)) throw new CommentRefusal('notEditable');
  checkCommentText(text);
  await ctx.tx.posts.updateComment(comment.id, { text });
  const edited = { ...comment, text };
  await emitFeedChange(ctx, { account, post, comment: edited }, 'edited');
  return edited;
}

/**
 * A person's post on a Page's timeline (a visitor post): written, and heard on the Page's `feed`. The Page may
 * answer it once, privately (`recipient: {post_id}`).
 */
export async function addVisitorPost(ctx: CommentsContext, post: Omit<MediaPostRow, 'seq'>): Promise<void> {
  const account = await accountOf(ctx.tx, post);
  await ctx.tx.posts.insert(post);
  const from = await commenterOf(ctx, account, post.author_person_id);
  await ctx.webhooks.emit(ctx.tx, [changes.pageVisitorPost(account, post, from, ctx.now)]);
}

/** Turns comments on a post off or on (the business, in its app or through the API). */
export async function setCommentsEnabled(tx: Store, mediaId: string, enabled: boolean): Promise<void> {
  const post = await requirePost(tx, mediaId);
  await tx.posts.update(post.id, { comments_enabled: enabled ? 1 : 0 });
}
