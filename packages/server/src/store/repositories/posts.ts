/** Posts and the comments people and the business leave on them. */
import type { Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { CommentsTable, MediaPostsTable, NewComment, NewMediaPost } from '../schema.ts';

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

  /** Records the private reply to a comment unless it already has one; true when this one took. */
  async claimPrivateReply(commentId: string, mid: string) {
    const result = await this.ctx.db
      .updateTable('comments')
      .set({ private_reply_mid: mid })
      .where('id', '=', commentId)
      .where('private_reply_mid', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
