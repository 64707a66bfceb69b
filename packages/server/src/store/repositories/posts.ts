/** Posts and the comments people and the business leave on them. */
import { sql, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Page, PageRequest } from '../../graph/paging.ts';
import { keysetOf, timeOrderedPage, toPage, type DbContext } from '../db-context.ts';
import type {
  CommentRow,
  CommentsTable,
  Database,
  MediaPostRow,
  MediaPostsTable,
  NewComment,
  NewMediaPost,
} from '../schema.ts';

/** Which comments a list reads: a post's top-level ones, all of a post's, or one comment's replies. */
export type CommentList =
  { readonly mediaId: string; readonly replies: boolean } | { readonly parentId: string };

export class PostsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(post: NewMediaPost) {
    await this.ctx.db.insertInto('media_posts').values(post).execute();
  }

  get(id: string) {
    return this.ctx.db.selectFrom('media_posts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Changes a post: comments turned off or on, a live broadcast ended. */
  async update(id: string, patch: Updateable<MediaPostsTable>) {
    await this.ctx.db.updateTable('media_posts').set(patch).where('id', '=', id).execute();
  }

  async insertComment(comment: NewComment) {
    await this.ctx.db.insertInto('comments').values(comment).execute();
  }

  /** A comment that has not been deleted. */
  getComment(id: string) {
    return this.ctx.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  }

  /** Changes a comment that has not been deleted: its text, or whether it is hidden. */
  async updateComment(id: string, patch: Updateable<Pick<CommentsTable, 'text' | 'hidden'>>) {
    await this.ctx.db
      .updateTable('comments')
      .set(patch)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
  }

  /** Deletes a comment and the replies under it; answers how many went. */
  async deleteComment(id: string, at: number) {
    const result = await this.ctx.db
      .updateTable('comments')
      .set({ deleted_at: at })
      .where((eb) => eb.or([eb('id', '=', id), eb('parent_id', '=', id)]))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Records the private reply to a comment, or to a person's post on a Page, unless it already has one; true
   * when this one took (of two sends at once, one does).
   */
  async claimPrivateReply(target: { readonly commentId: string } | { readonly postId: string }, mid: string) {
    const result =
      'commentId' in target
        ? await this.ctx.db
            .updateTable('comments')
            .set({ private_reply_mid: mid })
            .where('id', '=', target.commentId)
            .where('deleted_at', 'is', null)
            .where('private_reply_mid', 'is', null)
            .executeTakeFirst()
        : await this.ctx.db
            .updateTable('media_posts')
            .set({ private_reply_mid: mid })
            .where('id', '=', target.postId)
            .where('private_reply_mid', 'is', null)
            .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // The lists (the Graph API's `/media`, `/feed`, `/comments`, `/replies`, and the sandbox's): keyset pages, as
  // messages are paged.

  /**
   * A business's posts, newest first: its own, and with `mentions` people's media that mention it too (the
   * sandbox lists them; the Graph API does not).
   */
  async listMedia(
    accountId: string,
    page: PageRequest,
    { mentions = false }: { readonly mentions?: boolean } = {},
  ): Promise<Page<MediaPostRow>> {
    let q = this.ctx.db.selectFrom('media_posts').selectAll().where('account_id', '=', accountId);
    if (!mentions) q = q.where('author_person_id', 'is', null);
    return timeOrderedPage(q, page);
  }

  /**
   * Comments not deleted, in the order they were written (`oldest` first) or the reverse. Paged by row
   * number alone: a comment's time never orders it differently.
   */
  async listComments(
    list: CommentList,
    page: PageRequest,
    order: 'oldest' | 'newest',
  ): Promise<Page<CommentRow>> {
    const { compare, seq } = keysetOf(page);
    // keysetOf reads newest first; oldest first flips every comparison and direction.
    const flip = order === 'oldest';
    const direction = (page.before !== undefined) !== flip ? 'asc' : 'desc';
    let q = this.commentsIn(list, this.ctx.db.selectFrom('comments').selectAll());
    if (compare) q = q.where('seq', flip ? (compare === '<' ? '>' : '<') : compare, seq);
    const rows = await q
      .orderBy('seq', direction)
      .limit(sql.lit(page.limit + 1))
      .execute();
    return toPage(rows, page);
  }

  /** Every reply to these comments, oldest first (the sandbox lists a page of comments with their replies). */
  async repliesTo(commentIds: readonly string[]) {
    if (commentIds.length === 0) return [];
    const q = this.commentsIn({ parentId: commentIds }, this.ctx.db.selectFrom('comments').selectAll());
    return q.orderBy('seq').execute();
  }

  /** How many comments a list holds. */
  async countComments(list: CommentList) {
    const row = await this.commentsIn(
      list,
      this.ctx.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')),
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Narrows a query to a list's comments that were not deleted (or to the replies to several comments). */
  private commentsIn<Q extends SelectQueryBuilder<Database, 'comments', object>>(
    list: CommentList | { readonly parentId: readonly string[] },
    q: Q,
  ): Q {
    let out = q.where('deleted_at', 'is', null);
    if ('parentId' in list) {
      const { parentId } = list;
      return (
        typeof parentId === 'string'
          ? out.where('parent_id', '=', parentId)
          : out.where('parent_id', 'in', parentId)
      ) as Q;
    }
    out = out.where('media_id', '=', list.mediaId);
    return (list.replies ? out : out.where('parent_id', 'is', null)) as Q;
  }
}
