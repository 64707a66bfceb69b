/** What people do: message a business, react, read, tap buttons, follow links, opt in, unsend, edit, block. */
import { GraphError } from '@parley/protocol';
import {
  Block,
  CheckboxOptin,
  Edit,
  Optin,
  PersonMessage,
  Postback,
  Reaction,
  ReferralAct,
  Seen,
} from '@parley/sandbox';
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import { readBody } from './input.ts';

/** Whether the runtime knows the time zone by that IANA name. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function peopleRoutes({ people, optins }: SandboxDeps): Hono {
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

  routes.post('/users/:id/optins', async (c) => {
    const { frequency, timezone, ...optin } = await readBody(c, Optin);
    if (optin.type !== 'notification_messages') {
      if (frequency !== undefined || timezone !== undefined) {
        const name = frequency !== undefined ? 'frequency' : 'timezone';
        throw new GraphError('sandboxInvalidRequest', {
          detail: `${name}: only an opt-in of type notification_messages has one`,
        });
      }
      return c.json(await people.optin(person(c), optin));
    }
    if (timezone !== undefined && !isTimeZone(timezone)) {
      throw new GraphError('sandboxInvalidRequest', { detail: 'timezone: must be an IANA time zone' });
    }
    const { to, title, payload } = optin;
    return c.json(await optins.notificationMessages(person(c), { to, title, payload, frequency, timezone }));
  });
  routes.get('/users/:id/optins', async (c) => c.json(await optins.ofPerson(person(c))));
  routes.post('/users/:id/optins/:token/stop', async (c) =>
    c.json(await optins.setNotifications(person(c), c.req.param('token'), true)),
  );
  routes.post('/users/:id/optins/:token/resume', async (c) =>
    c.json(await optins.setNotifications(person(c), c.req.param('token'), false)),
  );
  routes.post('/users/:id/checkbox-optins', async (c) =>
    c.json(await optins.checkbox(person(c), await readBody(c, CheckboxOptin))),
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
