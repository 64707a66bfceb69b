/**
 * Logging in, played by the sandbox: roles on apps and accounts, logins approved ahead, a person removing an
 * app, and an app's tokens with their state (for the console).
 */
import { GraphError } from '@parley/protocol';
import { NewLoginApproval, NewRole, RemoveApp, RoleRemoval, RolesQuery } from '@parley/sandbox';
import { Hono } from 'hono';
import type { TokenRow } from '../store/schema.ts';
import { TOKEN_KIND_VIEWS } from './world.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody, readQuery } from './input.ts';

export function loginRoutes(deps: SandboxDeps): Hono {
  const { store, world, clock } = deps;
  const routes = new Hono();
  const { tokensChanged } = deps;

  async function targetType(id: string) {
    if (await store.apps.get(id)) return 'app' as const;
    return (await world.requireAccount(id)).type;
  }

  routes.get('/roles', async (c) => {
    const { user_id } = readQuery(c, RolesQuery);
    const roles = await store.roles.listOfPerson(user_id);
    const data = await Promise.all(
      roles.map(async (r) => ({
        user_id: r.person_id,
        target_id: r.target_id,
        target_type: await targetType(r.target_id).catch(() => 'app' as const),
        role: r.role,
      })),
    );
    return c.json({ data });
  });

  routes.post('/roles', async (c) => {
    const { user_id, target_id, role } = await readBody(c, NewRole);
    await world.requirePerson(user_id);
    const type = await targetType(target_id);
    const appRole = ['administrator', 'developer', 'tester'].includes(role);
    if (appRole !== (type === 'app')) {
      throw new GraphError('sandboxInvalidRequest', {
        detail: appRole ? `${role} is a role on an app` : `${role} is a role on a Page or Instagram account`,
      });
    }
    await store.roles.set({ person_id: user_id, target_id, role, created_at: clock.now() });
    await tokensChanged();
    return c.json({ user_id, target_id, target_type: type, role });
  });

  routes.delete('/roles', async (c) => {
    const { user_id, target_id } = await readBody(c, RoleRemoval);
    await store.roles.remove(user_id, target_id);
    await tokensChanged();
    return c.json({ success: true });
  });

  routes.post('/login/approvals', async (c) => {
    const input = await readBody(c, NewLoginApproval);
    await world.requireApp(input.app_id);
    await world.requirePerson(input.user_id);
    await store.grants.insertApproval({
      app_id: input.app_id,
      family: input.login,
      person_id: input.user_id,
      decision: input.decision ?? 'approve',
      scopes: input.scopes ? JSON.stringify(input.scopes) : null,
      target_ids: input.account_ids ? JSON.stringify(input.account_ids) : null,
      created_at: clock.now(),
    });
    return c.json({ queued: true });
  });

  routes.post('/users/:id/remove-app', async (c) => {
    const person = await world.requirePerson(c.req.param('id'));
    const { app_id, delete_data } = await readBody(c, RemoveApp);
    const app = await world.requireApp(app_id);
    const standing = (await store.grants.listOfPerson(person.id)).filter(
      (g) => g.app_id === app.id && g.revoked_at === null,
    );
    const callbacks = [];
    for (const grant of standing) {
      const removed = await deps.revocations.removeApp(app, grant, clock.now(), {
        deleteData: delete_data ?? false,
      });
      callbacks.push(...(await removed.callbacks));
    }
    return c.json({ removed: standing.length, callbacks });
  });

  routes.get('/apps/:id/tokens', async (c) => {
    const app = await world.requireApp(c.req.param('id'));
    const [tokens, grants] = await Promise.all([
      store.tokens.listOfApp(app.id, 500),
      store.grants.listOfApp(app.id, 500),
    ]);
    const grantsById = new Map(grants.map((g) => [g.id, g]));
    const now = clock.now();
    const view = (t: TokenRow) => {
      const grant = t.grant_id === null ? undefined : grantsById.get(t.grant_id);
      const expired = t.expires_at !== null && t.expires_at <= now;
      return {
        access_token: t.token,
        kind: TOKEN_KIND_VIEWS[t.kind],
        account_id: t.account_id || null,
        user_id: grant ? grant.person_id : null,
        login: grant?.family ?? null,
        lifetime: t.lifetime,
        scopes: JSON.parse(t.scopes) as string[],
        issued_at: Math.floor(t.created_at / 1000),
        expires_at: t.expires_at === null ? null : Math.floor(t.expires_at / 1000),
        state: grant?.revoked_at != null ? 'revoked' : expired ? 'expired' : 'valid',
      };
    };
    return c.json({ data: tokens.map(view) });
  });
  return routes;
}
