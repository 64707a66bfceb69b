/** Who wrote on a Page (a comment, or a post), as `from` shows them: the person by their PSID, or the Page. */
import type { GraphContext } from '../../core/context.ts';
import type { AccountRow } from '../../store/schema.ts';

export async function pageAuthor(page: AccountRow, personId: string | null, ctx: GraphContext) {
  if (personId === null) return { name: page.name, id: page.id };
  const [person, scopedId] = await Promise.all([
    ctx.store.people.get(personId),
    ctx.store.people.scopedIdFor(page.id, personId),
  ]);
  return { name: person?.name ?? person?.username, id: scopedId };
}
