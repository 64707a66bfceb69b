/** The app dashboard and the directory of the world: apps, business accounts, people, follows, tokens. */
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import { GraphError } from '@parley/protocol';
import { AccountSettings, Follow, NewAccount, NewApp, NewPerson, NewToken } from '@parley/sandbox';
import { readBody } from './input.ts';
import { accountView, appView, notFound, personView, tokenView } from './world.ts';

export function worldRoutes({ store, world, clock, tokensChanged }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.post('/apps', async (c) => c.json(appView(await world.createApp(await readBody(c, NewApp)))));

  routes.get('/apps/:id', async (c) => {
    const app = await store.apps.get(c.req.param('id'));
    if (!app) throw notFound('app', c.req.param('id'));
    return c.json(appView(app));
  });

  routes.post('/accounts', async (c) =>
    c.json(accountView(await world.createAccount(await readBody(c, NewAccount)))),
  );

  routes.get('/accounts/:id', async (c) =>
    c.json(accountView(await world.requireAccount(c.req.param('id')))),
  );

  // The owner's "Allow access to messages" setting for connected tools (Instagram accounts only).
  routes.patch('/accounts/:id', async (c) => {
    const { allow_messages_access: allow } = await readBody(c, AccountSettings);
    const account = await world.requireAccount(c.req.param('id'));
    if (allow !== undefined) {
      if (account.type !== 'instagram') {
        throw new GraphError('sandboxInvalidRequest', {
          detail: 'allow_messages_access is an Instagram setting',
        });
      }
      await store.accounts.update(account.id, { messages_access_off_at: allow ? null : clock.now() });
      await tokensChanged();
    }
    return c.json(accountView(await world.requireAccount(account.id)));
  });

  routes.post('/users', async (c) =>
    c.json(personView(await world.createPerson(await readBody(c, NewPerson)))),
  );

  routes.get('/users/:id', async (c) => c.json(personView(await world.requirePerson(c.req.param('id')))));

  const follow = (following: boolean) => async (c: Context) => {
    const { user_id, account_id } = await readBody(c, Follow);
    await world.follow(user_id, account_id, following);
    return c.json({ success: true });
  };
  routes.post('/follows', follow(true));
  routes.delete('/follows', follow(false));

  routes.post('/tokens', async (c) => {
    const token = await world.createToken(await readBody(c, NewToken));
    return c.json(tokenView(token));
  });

  return routes;
}
