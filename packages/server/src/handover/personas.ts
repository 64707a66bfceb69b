/**
 * The Personas API: `POST /{page-id|me}/personas` (`name`, `profile_picture_url`) answers `{id}`; `DELETE
 * /{persona-id}` answers `{success: true}`. A persona names the Page's messages sent with its `persona_id`
 * (send/persona.ts); reading them is the Page node's `personas` edge and the Persona node.
 */
import { GraphError } from '@parley/protocol';
import { requirePermission, unsupported } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import { expandBrackets, requireString } from '../core/params.ts';
import { newId } from '../graph/ids.ts';
import type { EdgeAction } from '../graph/node-type.ts';
import { urlOf } from '../profile/shape.ts';
import type { AccountRow, PersonaRow } from '../store/schema.ts';

/** A persona's name: "Maximum 50 characters". */
const NAME_MAX = 50;

export const personasAction: EdgeAction<AccountRow, GraphContext> = {
  async post(page, ctx, raw) {
    if (ctx.auth.account?.id !== page.id) throw unsupported('post', page.id);
    requirePermission(ctx, 'pages_messaging');
    const params = expandBrackets(raw);
    const name = requireString(params, 'name');
    if (name.length > NAME_MAX) throw new GraphError('textTooLong', { name: 'name', max: NAME_MAX });
    const pictureUrl = urlOf(requireString(params, 'profile_picture_url'), 'profile_picture_url');
    const id = newId.persona();
    await ctx.store.personas.insert({
      id,
      account_id: page.id,
      name,
      profile_picture_url: pictureUrl,
      created_at: ctx.now,
    });
    return { id };
  },
};

export const personaAction: EdgeAction<PersonaRow, GraphContext> = {
  async delete(persona, ctx) {
    requirePermission(ctx, 'pages_messaging');
    await ctx.store.personas.delete(persona.id);
    return { success: true };
  },
};
