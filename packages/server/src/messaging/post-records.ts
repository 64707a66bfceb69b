/**
 * What the Graph API reads a post or a comment as: its row, and the business account it is seen through
 * (the account the post is on, or, for a person's post, the account it mentions).
 */
import type { AccountRow, CommentRow, MediaPostRow } from '../store/schema.ts';

export interface PostRecord {
  readonly post: MediaPostRow;
  readonly account: AccountRow;
}

export interface CommentRecord extends PostRecord {
  readonly comment: CommentRow;
}
