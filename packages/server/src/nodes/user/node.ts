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
    name: value((u) => u.person?.name ?? null),
    first_name: value((u) => nameParts(u).first),
    middle_name: value((u) => nameParts(u).middle),
    last_name: value((u) => nameParts(u).last),
    short_name: value((u) => nameParts(u).first),
    // Only with the `email` permission; sandbox people have an address at example.com.
    email: value((u, ctx) =>
      ctx.auth.scopes.has('email') && u.person ? `${u.person.username}@example.com` : undefined,
    ),
    picture: value((u) => ({
      data: {
        height: 50,
        is_silhouette: !u.person?.profile_pic,
        url: u.person?.profile_pic ?? SILHOUETTE,
        width: 50,
      },
    })),
  },
};

/** Facebook's default profile picture. */
const SILHOUETTE = 'https://static.xx.fbcdn.net/rsrc.php/v1/yi/r/odA9sNLrE86.jpg';

/** A name as Facebook splits it: the first word, the last, and what lies between. */
function nameParts(u: LoginUser) {
  const words = (u.person?.name ?? u.person?.username ?? '').split(/\s+/).filter(Boolean);
  return {
    first: words[0],
    middle: words.length > 2 ? words.slice(1, -1).join(' ') : undefined,
    last: words.length > 1 ? words.at(-1) : undefined,
  };
}

/** `GET /{app-scoped-user-id}` with the person's own user token. */
export async function loadUser(id: string, ctx: GraphContext): Promise<LoginUser | undefined> {
  return ctx.auth.user?.id === id ? ctx.auth.user : undefined;
}
