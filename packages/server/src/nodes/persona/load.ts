/** Resolves a persona for its Page's own token. */
import type { GraphContext } from '../../core/context.ts';
import type { PersonaRow } from '../../store/schema.ts';

export async function loadPersona(id: string, ctx: GraphContext): Promise<PersonaRow | undefined> {
  if (ctx.auth.kind !== 'page') return undefined;
  const persona = await ctx.store.personas.get(id);
  return persona?.account_id === ctx.auth.account?.id ? persona : undefined;
}
