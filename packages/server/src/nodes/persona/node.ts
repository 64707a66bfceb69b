/** The Persona node: `GET /{persona-id}` with its Page's token, and the items of `/{page-id}/personas`. */
import { requirePermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import { value, type EdgeField, type NodeType } from '../../graph/node-type.ts';
import type { AccountRow, PersonaRow } from '../../store/schema.ts';

export const personaNode: NodeType<PersonaRow, GraphContext> = {
  name: 'Persona',
  defaultFields: ['name', 'profile_picture_url', 'id'],
  idOf: (p) => p.id,
  fields: {
    id: value((p) => p.id),
    name: value((p) => p.name),
    profile_picture_url: value((p) => p.profile_picture_url),
  },
};

/** `GET /{page-id}/personas`: the Page's personas, newest first. */
export const personasEdge: EdgeField<AccountRow, GraphContext, PersonaRow> = {
  kind: 'edge',
  node: personaNode,
  cursorKey: (p) => [p.created_at, p.seq],
  async open(page, ctx) {
    requirePermission(ctx, 'pages_messaging');
    return { scope: `personas:${page.id}`, list: (request) => ctx.store.personas.list(page.id, request) };
  },
};
