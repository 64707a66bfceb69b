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
    private_reply_mid: null,
  };
}

/**
 * A person's own post: the Instagram accounts its caption @mentions hear of it (the first one keeps it,
 * as `account_id`), and a caption that mentions none is refused. Or a post on a Page's timeline (a visitor
 * post), with `page` the Page.
 */
export async function personPost(
  tx: Store,
  personId: string,
  input: Output<typeof PersonPost>,
  at: number,
  page?: AccountRow,
): Promise<Omit<MediaPostRow, 'seq'>> {
  if (page && page.type !== 'page') throw invalid('to: people post on the timeline of a Page only');
  let on = page;
  for (const username of page ? [] : mentionsIn(input.caption)) {
    on ??= (await tx.accounts.instagramByUsername(username))[0];
  }
  if (!on) throw invalid('caption: must @mention an Instagram account by its username');
  return {
    ...businessPost(on, { media_type: input.media_type, media_url: input.media_url }, at),
    caption: input.caption,
    author_person_id: personId,
  };
}

/** The private reply a comment or a visitor post got, as the sandbox shows it. */
type PrivateReplySent = { readonly message_id: string; readonly conversation_id: string } | null;

/** The private replies these messages are, by message id, with their conversations. */
export async function privateRepliesOf(
  store: Store,
  mids: readonly (string | null)[],
): Promise<(mid: string | null) => PrivateReplySent> {
  const ids = [...new Set(mids)].filter((mid) => mid !== null);
  const messages = await Promise.all(ids.map((mid) => store.messages.get(mid)));
  const found = new Map<string, PrivateReplySent>();
  for (const message of messages) {
    if (message) found.set(message.id, { message_id: message.id, conversation_id: message.conversation_id });
  }
  return (mid) => (mid === null ? null : (found.get(mid) ?? null));
}

export function postView(
  p: Omit<MediaPostRow, 'seq'>,
  commentsCount: number,
  privateReply: PrivateReplySent = null,
) {
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
    private_reply: privateReply,
  };
}

/** Posts with their comment counts and private replies. */
export async function postViews(store: Store, posts: readonly MediaPostRow[]) {
  const counts = await Promise.all(
    posts.map((p) => store.posts.countComments({ mediaId: p.id, replies: true })),
  );
  const replyOf = await privateRepliesOf(
    store,
    posts.map((p) => p.private_reply_mid),
  );
  return posts.map((p, i) => postView(p, counts[i]!, replyOf(p.private_reply_mid)));
}

/** A comment as the sandbox lists it, with its author's username (the account's, for the business). */
export function postCommentView(
  c: CommentRow,
  username: string | null,
  privateReply: PrivateReplySent = null,
) {
  return {
    id: c.id,
    media_id: c.media_id,
    parent_id: c.parent_id,
    user_id: c.person_id,
    username,
    text: c.text,
    timestamp: c.created_at,
    hidden: c.hidden === 1,
    private_reply: privateReply,
  };
}
