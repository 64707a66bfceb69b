/**
 * The sandbox's posts: making one as the business publishes it (a post, reel, story or live broadcast on
 * Instagram; a post on a Page) or as a person does (their own media, mentioning businesses), and the views
 * the sandbox answers with. Routes and seeds both make posts here.
 */
import { GraphError } from '@parley/protocol';
import type { NewPost, Output, PersonPost } from '@parley/sandbox';
import { mentionsIn } from '../comments/comment-rules.ts';
import { newId } from '../graph/ids.ts';
import type { AccountRow, CommentRow, MediaPostRow, MediaProductType } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

type PostInput = Output<typeof NewPost>;
type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';

function invalid(detail: string): GraphError {
  return new GraphError('sandboxInvalidRequest', { detail });
}

/** Instagram's short code for a permalink (`/p/{code}/`). */
const shortCode = (id: string) => Buffer.from(id).toString('base64url').slice(0, 11);

function permalinkOf(account: AccountRow, id: string, product: MediaProductType): string {
  if (account.type === 'page') return `https://www.facebook.com/${account.id}/posts/${id.split('_')[1]}/`;
  if (product === 'REELS') return `https://www.instagram.com/reel/${shortCode(id)}/`;
  if (product === 'STORY') return `https://www.instagram.com/stories/${account.username}/${id}/`;
  return `https://www.instagram.com/p/${shortCode(id)}/`;
}

/** What a post is: `media_type: REELS` is a reel (a video); reels and live broadcasts are videos. */
function kindOf(account: AccountRow, input: PostInput): { product: MediaProductType; mediaType: MediaType } {
  const product = input.media_product_type ?? (input.media_type === 'REELS' ? 'REELS' : 'FEED');
  if (account.type === 'page' && product !== 'FEED') throw invalid('media_product_type: a Page post is FEED');
  if (input.media_type === 'REELS' && product !== 'REELS')
    throw invalid('media_type: REELS is a reel: its media_product_type is REELS');
  const video = product === 'REELS' || product === 'LIVE';
  const given = input.media_type === 'REELS' ? 'VIDEO' : input.media_type;
  if (video && given !== undefined && given !== 'VIDEO')
    throw invalid(`media_type: a ${product === 'LIVE' ? 'live broadcast' : 'reel'} is a VIDEO`);
  return { product, mediaType: given ?? (video ? 'VIDEO' : 'IMAGE') };
}

/** A post the business publishes (a live broadcast starts running). */
export function businessPost(
  account: AccountRow,
  input: PostInput,
  at: number,
  id = account.type === 'page' ? newId.pagePost(account.id) : newId.instagramMedia(),
): Omit<MediaPostRow, 'seq'> {
  const { product, mediaType } = kindOf(account, input);
  return {
    id,
    account_id: account.id,
    media_type: mediaType,
    media_url: input.media_url ?? `https://picsum.photos/seed/${id}/1080/1080`,
    permalink: permalinkOf(account, id, product),
    caption: input.caption ?? null,
    created_at: at,
    product_type: product,
    like_count: 0,
    comments_enabled: input.comments_enabled === false ? 0 : 1,
    author_person_id: null,
    live_ended_at: null,
  };
}

/**
 * A person's own post: the Instagram accounts its caption @mentions hear of it (the first one keeps it,
 * as `account_id`). A caption that mentions none is refused.
 */
export async function personPost(
  tx: Store,
  personId: string,
  input: Output<typeof PersonPost>,
  at: number,
): Promise<Omit<MediaPostRow, 'seq'>> {
  let mentioned: AccountRow | undefined;
  for (const username of mentionsIn(input.caption)) {
    mentioned ??= (await tx.accounts.instagramByUsername(username))[0];
  }
  if (!mentioned) throw invalid('caption: must @mention an Instagram account by its username');
  const id = newId.instagramMedia();
  return {
    ...businessPost(mentioned, { media_type: input.media_type, media_url: input.media_url }, at, id),
    caption: input.caption,
    author_person_id: personId,
  };
}

export function postView(p: Omit<MediaPostRow, 'seq'>, commentsCount: number) {
  return {
    id: p.id,
    account_id: p.account_id,
    media_type: p.media_type as MediaType,
    media_product_type: p.product_type,
    media_url: p.media_url,
    permalink: p.permalink,
    caption: p.caption,
    comments_enabled: p.comments_enabled === 1,
    comments_count: commentsCount,
    live_ended_at: p.live_ended_at,
    user_id: p.author_person_id,
    timestamp: p.created_at,
  };
}

/** Posts with their comment counts. */
export async function postViews(store: Store, posts: readonly MediaPostRow[]) {
  const counts = await store.posts.commentCounts(posts.map((p) => p.id));
  return posts.map((p) => postView(p, counts.get(p.id) ?? 0));
}

/**
 * A comment as the sandbox lists it, with its author's username (the account's, for the business) and the
 * conversation its private reply is in.
 */
export function postCommentView(c: CommentRow, username: string | null, replyConversationId?: string) {
  return {
    id: c.id,
    media_id: c.media_id,
    parent_id: c.parent_id,
    user_id: c.person_id,
    username,
    text: c.text,
    timestamp: c.created_at,
    hidden: c.hidden === 1,
    private_reply:
      c.private_reply_mid !== null && replyConversationId !== undefined
        ? { message_id: c.private_reply_mid, conversation_id: replyConversationId }
        : null,
  };
}
