/**
 * `persona_id` on a send or a sender action: one of the personas of the Page the call goes through (the Personas
 * API, handover/personas.ts). The message is stored under it, and its echo names it.
 */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../core/context.ts';
import { stringParam, type Params } from '../core/params.ts';
import type { AccountRow } from '../store/schema.ts';

export async function readPersona(
  params: Params,
  sender: AccountRow,
  ctx: GraphContext,
): Promise<string | undefined> {
  const id = stringParam(params, 'persona_id');
  if (id === undefined) return undefined;
  if (!/^\d{1,20}$/.test(id)) {
    throw new GraphError('invalidParameter', {
      detail: 'Param persona_id must be a valid ID string (e.g., "123")',
    });
  }
  const persona = sender.type === 'page' ? await ctx.store.personas.get(id) : undefined;
  if (persona?.account_id !== sender.id) {
    throw new GraphError('invalidParameter', { detail: 'Param persona_id must be a persona of this Page' });
  }
  return id;
}
