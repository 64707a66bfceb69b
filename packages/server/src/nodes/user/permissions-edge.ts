/**
 * `GET /me/permissions`: what the person granted the app. `DELETE /me/permissions` removes the app (every
 * token of the grant ends, the deauthorize callback hears of it); `DELETE /me/permissions/{permission}`
 * withdraws one permission.
 */
import type { EdgeAction } from '../../graph/node-type.ts';
import type { GraphContext, LoginUser } from '../../core/context.ts';
import { grantScopes } from '../../login/grants.ts';

export const permissionsEdge: EdgeAction<LoginUser, GraphContext> = {
  async get(user) {
    return { data: grantScopes(user.grant).map((permission) => ({ permission, status: 'granted' })) };
  },
  async delete(user, ctx, params) {
    const permission = typeof params.permission === 'string' ? params.permission : undefined;
    if (permission) await ctx.revocations.declinePermission(user.grant, permission, ctx.now);
    // The app's deauthorize callback hears of it after the answer, as Meta sends it.
    else await ctx.revocations.removeApp(ctx.auth.app, user.grant, ctx.now);
    return { success: true };
  },
};
