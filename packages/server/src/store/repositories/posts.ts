/** Posts and the comments people and the business leave on them. */
import type { DbContext } from '../db-context.ts';
import type { NewComment, NewMediaPost } from '../schema.ts';

export class PostsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insert(post: NewMediaPost) {
    await this.ctx.db.insertInto('media_posts').values(post).execute();
  }

  get(id: string) {
    return this.ctx.db.selectFrom('media_posts').selectAll().where('id', '=', id).executeTakeFirst();
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
