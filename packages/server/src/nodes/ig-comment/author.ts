/** Who wrote an Instagram comment, as its `from`, `user` and `username` show them. */
import type { GraphContext } from '../../core/context.ts';
import type { CommentRecord } from '../../messaging/post-records.ts';

export interface CommentAuthor {
  /** The person's Instagram-scoped id for the account, or the business account's own id. */
  readonly id: string | undefined;
  readonly username: string | null;
}

export async function commentAuthor(c: CommentRecord, ctx: GraphContext): Promise<CommentAuthor> {
  const personId = c.comment.person_id;
  if (personId === null) return { id: c.account.id, username: c.account.username };
  const [person, scopedId] = await Promise.all([
    ctx.store.people.get(personId),
    ctx.store.people.scopedIdFor(c.account.id, personId),
  ]);
  return { id: scopedId, username: person?.username ?? null };
}
