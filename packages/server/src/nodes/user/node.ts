/**
 * The person behind a Facebook user token (Facebook Login): `GET /me`, and the edges a "Connect your Page"
 * flow reads: `/me/accounts` (the Pages granted, each with its Page token) and `/me/permissions`.
 */
import { value, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext, LoginUser } from '../../core/context.ts';

export const userNode: NodeType<LoginUser, GraphContext> = {
  name: 'User',
  defaultFields: ['name', 'id'],
  idOf: (u) => u.id,
  fields: {
    id: value((u) => u.id),
    name: value((u) => u.name),
  },
};

/** `GET /{app-scoped-user-id}` with the person's own user token. */
export async function loadUser(id: string, ctx: GraphContext): Promise<LoginUser | undefined> {
  return ctx.auth.user?.id === id ? ctx.auth.user : undefined;
}
