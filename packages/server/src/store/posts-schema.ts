/**
 * The tables behind posts and comments: a business's media (Instagram posts, reels, stories, live
 * broadcasts; Facebook Page posts), the media of people that mention a business, and the comments and
 * replies people and the business leave on them.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** What kind of media it is, as Instagram's `media_product_type` says: Page posts are `FEED`. */
export type MediaProductType = 'FEED' | 'REELS' | 'STORY' | 'LIVE' | 'AD';

/** A post: on a business's account, or a person's own that mentions one (`author_person_id`). */
export interface MediaPostsTable {
  /** Row number: with the time, the order posts are listed in, and their paging key. */
  seq: Generated<number>;
  id: string;
  /** The business account it is on, or, for a person's media, the account its caption mentions. */
  account_id: string;
  /** Instagram's `media_type` (IMAGE, VIDEO, CAROUSEL_ALBUM); Page posts keep IMAGE or VIDEO too. */
  media_type: string;
  media_url: string;
  permalink: string;
  caption: string | null;
  created_at: number;
  product_type: MediaProductType;
  like_count: number;
  /** 0 when the business turned comments off. */
  comments_enabled: number;
  /** A person's own media, seen by the business only through the mention; null for the business's. */
  author_person_id: string | null;
  /** When a live broadcast ended; null while it runs, and for any other media. */
  live_ended_at: number | null;
  /** A person's post on a Page (a visitor post): the private reply sent to it, if any (one per post). */
  private_reply_mid: string | null;
}

/** A comment on a post, or a reply to one (`parent_id`), by a person or by the business. */
export interface CommentsTable {
  /** Row number: the order comments were written in, and their paging key. */
  seq: Generated<number>;
  id: string;
  media_id: string;
  /** The account the media belongs to (for a person's media, the account it mentions). */
  account_id: string;
  /** The top-level comment this one replies to; null for a top-level comment. */
  parent_id: string | null;
  /** Who wrote it; null when the business did (through the API). */
  person_id: string | null;
  text: string;
  /** 1 when the business hid it. */
  hidden: Generated<number>;
  like_count: Generated<number>;
  created_at: number;
  /** When its author or the business deleted it; a deleted comment is gone from every read. */
  deleted_at: number | null;
  /** The private reply sent to it, if any: one per comment. */
  private_reply_mid: string | null;
}

export type MediaPostRow = Selectable<MediaPostsTable>;
export type NewMediaPost = Insertable<MediaPostsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
