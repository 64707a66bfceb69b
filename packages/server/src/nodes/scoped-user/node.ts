/** The User Profile API: `GET /{igsid}` (Instagram) and `GET /{psid}` (Messenger), spec §12. */
import { GraphError } from '@parley/protocol';
import { value, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import type { ScopedUserRecord } from './record.ts';

function nameParts(u: ScopedUserRecord): [string, string] {
  const full = u.person.name ?? u.person.username;
  const space = full.indexOf(' ');
  return space < 0 ? [full, ''] : [full.slice(0, space), full.slice(space + 1)];
}

export const instagramProfileNode: NodeType<ScopedUserRecord, GraphContext> = {
  name: 'User',
  defaultFields: ['name', 'username', 'profile_pic'],
  idOf: (u) => u.scopedId,
  fields: {
    id: value((u) => u.scopedId),
    name: value((u) => u.person.name),
    username: value((u) => u.person.username),
    profile_pic: value((u) => u.person.profile_pic),
    follower_count: value((u) => u.person.follower_count),
    is_user_follow_business: value((u) => u.followsBusiness),
    is_business_follow_user: value(() => false),
    is_verified_user: value((u) => u.person.is_verified === 1),
  },
};

/** A Messenger profile field that needs its own permission beyond messaging (spec §12). */
function withPermission(scope: string, get: (u: ScopedUserRecord) => unknown) {
  return value<ScopedUserRecord, GraphContext>((u, ctx) => {
    if (!ctx.auth.scopes.has(scope)) throw new GraphError('profilePermissionRequired');
    return get(u);
  });
}

export const messengerProfileNode: NodeType<ScopedUserRecord, GraphContext> = {
  name: 'User',
  defaultFields: ['first_name', 'last_name', 'profile_pic'],
  idOf: (u) => u.scopedId,
  fields: {
    id: value((u) => u.scopedId),
    name: value((u) => u.person.name ?? u.person.username),
    first_name: value((u) => nameParts(u)[0]),
    last_name: value((u) => nameParts(u)[1]),
    profile_pic: value((u) => u.person.profile_pic),
    locale: withPermission('pages_user_locale', (u) => u.person.locale),
    timezone: withPermission('pages_user_timezone', (u) => u.person.timezone),
    gender: withPermission('pages_user_gender', (u) => u.person.gender),
  },
};
