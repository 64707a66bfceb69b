/**
 * Conversation routing in the sandbox: an account's receivers, set as the app dashboard sets them, and a
 * thread's control as the business's inbox sees it and acts on it (Meta Business Suite's inbox is an app of
 * the account, as at Meta).
 */
import { GraphError } from '@parley/protocol';
import { InboxControl, RoutingChange, type ResultOf } from '@parley/sandbox';
import { Hono } from 'hono';
import { rolesOf } from '../handover/app-roles.ts';
import { controlThread, type ControlAction } from '../handover/thread-control.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import { inboxAppOf, ownerOf, threadControl } from '../messaging/conversation-routing.ts';
import type { AccountRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody } from './input.ts';
import { setReceivers } from './receivers.ts';
import { notFound } from './world.ts';

/** An app or the inbox, with its name (an app removed since keeps its id as its name). */
async function receiver(store: Store, account: AccountRow, id: string) {
  const inbox = inboxAppOf(platformOf(account));
  if (id === inbox.id) return inbox;
  return { id, name: (await store.apps.get(id))?.name ?? id };
}

async function routingView(store: Store, account: AccountRow): Promise<ResultOf<'conversationRouting'>> {
  const roles = await rolesOf(store, account);
  return {
    account_id: account.id,
    primary_receiver: roles.primary === null ? null : await receiver(store, account, roles.primary),
    secondary_receivers: await Promise.all(roles.secondary.map((id) => receiver(store, account, id))),
    inbox: inboxAppOf(platformOf(account)),
  };
}

/** What the inbox may do with a thread: what an app in its place may. */
function inboxMay(inbox: string, primary: string | null, owner: string | null): ControlAction[] {
  if (primary === null) return [];
  if (owner === inbox) return inbox === primary ? ['pass'] : ['pass', 'release'];
  return inbox === primary ? ['take'] : ['request'];
}

export function routingRoutes({ store, world, clock, webhooks }: SandboxDeps): Hono {
  const routes = new Hono();

  const requireConversation = async (id: string) => {
    const conversation = await store.conversations.get(id);
    if (!conversation) throw notFound('conversation', id);
    return { conversation, account: await world.requireAccount(conversation.account_id) };
  };

  const controlView = async (id: string): Promise<ResultOf<'threadControl'>> => {
    const { conversation, account } = await requireConversation(id);
    const now = clock.now();
    const control = await threadControl(store, account, conversation.seq, now);
    const owner = ownerOf(control);
    const holder = control.holder === null ? undefined : await store.routing.holder(conversation.seq);
    const inbox = inboxAppOf(platformOf(account));
    return {
      conversation_id: conversation.id,
      routed: control.primary !== null,
      owner: owner === null ? null : await receiver(store, account, owner),
      primary_receiver: control.primary === null ? null : await receiver(store, account, control.primary),
      expires_at: holder?.expires_at ?? null,
      inbox,
      inbox_may: inboxMay(inbox.id, control.primary, owner),
    };
  };

  routes.get('/accounts/:id/conversation-routing', async (c) =>
    c.json(await routingView(store, await world.requireAccount(c.req.param('id')))),
  );

  routes.post('/accounts/:id/conversation-routing', async (c) => {
    const body = await readBody(c, RoutingChange);
    const account = await world.requireAccount(c.req.param('id'));
    const change = { primary: body.primary_receiver ?? null, secondary: body.secondary_receivers ?? [] };
    await store.transaction((tx) => setReceivers(tx, account, change, clock.now(), webhooks));
    return c.json(await routingView(store, account));
  });

  routes.get('/conversations/:id/thread-control', async (c) => c.json(await controlView(c.req.param('id'))));

  routes.post('/conversations/:id/thread-control', async (c) => {
    const body = await readBody(c, InboxControl);
    const id = c.req.param('id');
    const before = await controlView(id);
    if (!before.inbox_may.includes(body.action)) {
      const may = before.inbox_may.length ? `it may ${before.inbox_may.join(', ')}` : 'routing is off';
      throw new GraphError('sandboxConflict', {
        detail: `The inbox cannot ${body.action} this conversation: ${may}`,
      });
    }
    const { conversation, account } = await requireConversation(id);
    const target = body.target_app_id ?? (body.action === 'pass' ? before.primary_receiver?.id : undefined);
    await controlThread(
      {
        action: body.action,
        account,
        platform: platformOf(account),
        personId: conversation.person_id,
        appId: before.inbox.id,
        ...(body.metadata !== undefined && { metadata: body.metadata }),
        ...(target !== undefined && { target }),
      },
      { store, webhooks, now: () => clock.now() },
    );
    return c.json(await controlView(id));
  });

  return routes;
}
