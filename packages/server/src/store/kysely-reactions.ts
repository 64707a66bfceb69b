/** Reactions to messages: one per person and message, replaced when they react again. */
import { KyselyMessaging } from './kysely-messaging.ts';
import type { ReactionRow } from './schema.ts';

export abstract class KyselyReactions extends KyselyMessaging {
  async upsertReaction(reaction: ReactionRow) {
    await this.db
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

  async deleteReaction(messageId: string, reactor: string) {
    const result = await this.db
      .deleteFrom('reactions')
      .where('message_id', '=', messageId)
      .where('reactor', '=', reactor)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  listReactions(messageId: string) {
    return this.queries.rows(this.db, 'listReactions', { messageId }, (a) =>
      this.db.selectFrom('reactions').selectAll().where('message_id', '=', a.messageId).orderBy('created_at'),
    );
  }
}
