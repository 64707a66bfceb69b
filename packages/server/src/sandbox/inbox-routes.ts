/**
 * What the business's own staff do in Meta's inbox apps (Instagram app, Business Suite), outside the API:
 * look at a conversation's state, and move it between folders.
 */
import { Hono } from 'hono';
import { personFolder, platformOf } from '../messaging/conversation-rules.ts';
import type { SandboxDeps } from './deps.ts';
import { ConversationMove } from '@parley/sandbox';
import { readBody, requireFolderOf } from './input.ts';
import { notFound } from './world.ts';

export function inboxRoutes({ store, world }: SandboxDeps): Hono {
  const routes = new Hono();

  const conversationView = async (id: string) => {
    const c = await store.conversations.get(id);
    if (!c) throw notFound('conversation', id);
    const account = await world.requireAccount(c.account_id);
    const platform = platformOf(account);
    const follows = await store.people.isFollowing(c.person_id, account.id);
    return {
      id: c.id,
      account_id: c.account_id,
      platform,
      user_id: c.person_id,
      scoped_id: c.scoped_id,
      folder: c.folder,
      user_folder: personFolder(platform, follows, c),
      message_count: c.message_count,
      unread_count: c.unread_count,
      updated_time: new Date(c.updated_at).toISOString(),
      last_user_activity_time:
        c.last_person_activity_at === null ? null : new Date(c.last_person_activity_at).toISOString(),
    };
  };

  routes.get('/conversations/:id', async (c) => c.json(await conversationView(c.req.param('id'))));

  routes.patch('/conversations/:id', async (c) => {
    const { folder } = await readBody(c, ConversationMove);
    const id = c.req.param('id');
    const { platform } = await conversationView(id);
    requireFolderOf(platform, folder);
    await store.conversations.update(id, { folder });
    return c.json(await conversationView(id));
  });

  return routes;
}
