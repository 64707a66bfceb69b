/** What people do: message a business, react, read, tap buttons, follow links, opt in, unsend, edit, block. */
import { Block, Edit, Optin, PersonMessage, Postback, Reaction, ReferralAct, Seen } from '@parley/sandbox';
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import { readBody } from './input.ts';

export function peopleRoutes({ people }: SandboxDeps): Hono {
  const routes = new Hono();
  const person = (c: Context) => c.req.param('id') ?? '';

  routes.post('/users/:id/messages', async (c) => {
    const { quick_reply, referral, reply_to, ...message } = await readBody(c, PersonMessage);
    const sent = await people.sendMessage(person(c), {
      ...message,
      reply_to: reply_to === undefined || typeof reply_to === 'string' ? reply_to : { ...reply_to },
      ...(quick_reply && { quick_reply }),
      ...(referral && { referral }),
    });
    return c.json(sent);
  });

  routes.post('/users/:id/reactions', async (c) =>
    c.json(await people.react(person(c), await readBody(c, Reaction))),
  );

  routes.post('/users/:id/seen', async (c) => c.json(await people.see(person(c), await readBody(c, Seen))));

  routes.post('/users/:id/postbacks', async (c) =>
    c.json(await people.postback(person(c), await readBody(c, Postback))),
  );

  routes.post('/users/:id/referrals', async (c) =>
    c.json(await people.referral(person(c), await readBody(c, ReferralAct))),
  );

  routes.post('/users/:id/optins', async (c) =>
    c.json(await people.optin(person(c), await readBody(c, Optin))),
  );

  routes.post('/users/:id/blocks', async (c) => {
    const { account_id } = await readBody(c, Block);
    return c.json(await people.block(person(c), account_id, true));
  });
  routes.delete('/users/:id/blocks/:account', async (c) =>
    c.json(await people.block(person(c), c.req.param('account'), false)),
  );

  routes.delete('/messages/:id', async (c) => c.json(await people.unsend(c.req.param('id'))));

  const edit = async (c: Context) => {
    const { text } = await readBody(c, Edit);
    return c.json(await people.edit(c.req.param('id') ?? '', text));
  };
  routes.patch('/messages/:id', edit);
  routes.post('/messages/:id/edit', edit);

  return routes;
}
