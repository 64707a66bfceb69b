/** The app dashboard and the directory of the world: apps, business accounts, people, follows, tokens. */
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import {
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalString,
  optionalStringList,
  readBody,
  requiredString,
} from './input.ts';
import { accountView, appView, notFound, personView, tokenView } from './world.ts';

export function worldRoutes({ store, world }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.post('/apps', async (c) => {
    const body = await readBody(c);
    const app = await world.createApp({
      name: requiredString(body, 'name', 200),
      id: optionalString(body, 'id', 32),
      secret: optionalString(body, 'secret', 200),
      access_level: optionalEnum(body, 'access_level', ['standard', 'advanced'] as const),
      features: optionalStringList(body, 'features'),
    });
    return c.json(appView(app));
  });

  routes.get('/apps/:id', async (c) => {
    const app = await store.getApp(c.req.param('id'));
    if (!app) throw notFound('app', c.req.param('id'));
    return c.json(appView(app));
  });

  routes.post('/accounts', async (c) => {
    const body = await readBody(c);
    const type = optionalEnum(body, 'type', ['instagram', 'page'] as const) ?? requiredString(body, 'type');
    const common = { id: optionalString(body, 'id', 32) };
    const account =
      type === 'instagram'
        ? await world.createAccount({
            ...common,
            type: 'instagram',
            username: requiredString(body, 'username', 30),
            name: optionalString(body, 'name', 200),
            biography: optionalString(body, 'biography', 1000),
            followers_count: optionalNumber(body, 'followers_count', { min: 0 }),
          })
        : await world.createAccount({
            ...common,
            type: 'page',
            name: requiredString(body, 'name', 200),
            username: optionalString(body, 'username', 50),
            category: optionalString(body, 'category', 100),
            instagram_account_id: optionalString(body, 'instagram_account_id', 32),
          });
    return c.json(accountView(account));
  });

  routes.get('/accounts/:id', async (c) =>
    c.json(accountView(await world.requireAccount(c.req.param('id')))),
  );

  routes.post('/users', async (c) => {
    const body = await readBody(c);
    const person = await world.createPerson({
      username: requiredString(body, 'username', 30),
      name: optionalString(body, 'name', 200),
      id: optionalString(body, 'id', 32),
      profile_pic: optionalString(body, 'profile_pic', 2000),
      follower_count: optionalNumber(body, 'follower_count', { min: 0 }),
      is_verified: optionalBoolean(body, 'is_verified'),
      locale: optionalString(body, 'locale', 20),
      gender: optionalString(body, 'gender', 20),
    });
    return c.json(personView(person));
  });

  routes.get('/users/:id', async (c) => c.json(personView(await world.requirePerson(c.req.param('id')))));

  const follow = (following: boolean) => async (c: Context) => {
    const body = await readBody(c);
    await world.follow(requiredString(body, 'user_id'), requiredString(body, 'account_id'), following);
    return c.json({ success: true });
  };
  routes.post('/follows', follow(true));
  routes.delete('/follows', follow(false));

  routes.post('/tokens', async (c) => {
    const body = await readBody(c);
    const token = await world.createToken({
      app_id: requiredString(body, 'app_id'),
      account_id: requiredString(body, 'account_id'),
      scopes: optionalStringList(body, 'scopes'),
      expires_in: optionalNumber(body, 'expires_in', { min: 0 }),
    });
    return c.json(tokenView(token));
  });

  return routes;
}
