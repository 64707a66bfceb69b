/** What people do: message a business, react, read, tap buttons, follow links, opt in, unsend, edit, block. */
import { Hono, type Context } from 'hono';
import type { SandboxDeps } from './deps.ts';
import {
  optionalEnum,
  optionalObject,
  optionalObjectList,
  optionalString,
  readBody,
  requiredString,
  type Body,
} from './input.ts';
import type { IncomingAttachment } from './people.ts';

function attachments(body: Body): IncomingAttachment[] | undefined {
  return optionalObjectList(body, 'attachments')?.map((a) => ({
    type: requiredString(a, 'type', 40),
    url: requiredString(a, 'url', 4000),
    name: optionalString(a, 'name', 500),
    mime_type: optionalString(a, 'mime_type', 200),
    id: optionalString(a, 'id', 64),
  }));
}

function replyTo(body: Body) {
  if (typeof body.reply_to === 'string') return body.reply_to;
  const reply = optionalObject(body, 'reply_to');
  if (!reply) return undefined;
  const story = optionalObject(reply, 'story');
  return {
    mid: optionalString(reply, 'mid', 500),
    ...(story && { story: { id: requiredString(story, 'id', 64), url: requiredString(story, 'url', 4000) } }),
  };
}

export function peopleRoutes({ people }: SandboxDeps): Hono {
  const routes = new Hono();
  const person = (c: Context) => c.req.param('id') ?? '';

  routes.post('/users/:id/messages', async (c) => {
    const body = await readBody(c);
    const quick = optionalObject(body, 'quick_reply');
    const referral = optionalObject(body, 'referral');
    const sent = await people.sendMessage(person(c), {
      to: requiredString(body, 'to'),
      text: optionalString(body, 'text', 20_000),
      attachments: attachments(body),
      reply_to: replyTo(body),
      ...(quick && { quick_reply: { payload: requiredString(quick, 'payload', 1000) } }),
      ...(referral && { referral }),
    });
    return c.json(sent);
  });

  routes.post('/users/:id/reactions', async (c) => {
    const body = await readBody(c);
    return c.json(
      await people.react(person(c), {
        message_id: requiredString(body, 'message_id', 500),
        reaction: optionalString(body, 'reaction', 40),
        action: optionalEnum(body, 'action', ['react', 'unreact'] as const),
      }),
    );
  });

  routes.post('/users/:id/seen', async (c) => {
    const body = await readBody(c);
    return c.json(await people.see(person(c), { message_id: requiredString(body, 'message_id', 500) }));
  });

  routes.post('/users/:id/postbacks', async (c) => {
    const body = await readBody(c);
    return c.json(
      await people.postback(person(c), {
        to: requiredString(body, 'to'),
        title: requiredString(body, 'title', 1000),
        payload: requiredString(body, 'payload', 1000),
      }),
    );
  });

  routes.post('/users/:id/referrals', async (c) => {
    const body = await readBody(c);
    return c.json(
      await people.referral(person(c), {
        to: requiredString(body, 'to'),
        ref: requiredString(body, 'ref', 1000),
        source: optionalString(body, 'source', 100),
        type: optionalString(body, 'type', 100),
      }),
    );
  });

  routes.post('/users/:id/optins', async (c) => {
    const body = await readBody(c);
    return c.json(
      await people.optin(person(c), {
        to: requiredString(body, 'to'),
        ref: optionalString(body, 'ref', 1000),
        type: optionalString(body, 'type', 100),
        payload: optionalString(body, 'payload', 1000),
        title: optionalString(body, 'title', 200),
      }),
    );
  });

  routes.post('/users/:id/blocks', async (c) => {
    const body = await readBody(c);
    return c.json(await people.block(person(c), requiredString(body, 'account_id'), true));
  });
  routes.delete('/users/:id/blocks/:account', async (c) =>
    c.json(await people.block(person(c), c.req.param('account'), false)),
  );

  routes.delete('/messages/:id', async (c) => c.json(await people.unsend(c.req.param('id'))));

  const edit = async (c: Context) => {
    const body = await readBody(c);
    return c.json(await people.edit(c.req.param('id') ?? '', requiredString(body, 'text', 20_000)));
  };
  routes.patch('/messages/:id', edit);
  routes.post('/messages/:id/edit', edit);

  return routes;
}
