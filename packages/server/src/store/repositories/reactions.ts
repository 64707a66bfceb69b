/** Reactions to messages: one per person and message, replaced when they react again. */
import type { DbContext } from '../db-context.ts';
import type { ReactionRow } from '../schema.ts';

export class ReactionsRepository {
  constructor(private readonly ctx: DbContext) {}

  /** Records a person's reaction to a message, replacing theirs before. */
  async upsert(reaction: ReactionRow) {
    await this.ctx.db
      .insertInto('reactions')
      .values(reaction)
      .onConflict((oc) =>
        oc.columns(['message_id', 'reactor']).doUpdateSet({
          reaction: reaction.reaction,
          emoji: reaction.emoji,
          created_at: reaction.created_at,
        }),
      )
      .execute();
  }

  async delete(messageId: string, reactor: string) {
    const result = await this.ctx.db
      .deleteFrom('reactions')
      .where('message_id', '=', messageId)
      .where('reactor', '=', reactor)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  list(messageId: string) {
    return this.ctx.queries.rows(this.ctx.db, 'listReactions', { messageId }, (a) =>
      this.ctx.db
        .selectFrom('reactions')
        .selectAll()
        .where('message_id', '=', a.messageId)
        .orderBy('created_at'),
    );
  }

  /** The reactions to these messages, in one read (the console's page of a thread). */
  listOf(messageIds: readonly string[]) {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.ctx.db
      .selectFrom('reactions')
      .selectAll()
      .where('message_id', 'in', messageIds)
      .orderBy('created_at')
      .execute();
  }
}
