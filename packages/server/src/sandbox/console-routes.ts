/**
 * What the web console reads beside the Graph API: the world at a glance, an account's conversations in every
 * folder (with what the API hides and why), and a conversation's messages, all of them. Lists page with an
 * opaque `after` cursor (`time.row`), newest first. Nothing here is rate-limited or logged as a Graph call.
 */
import { Hono } from 'hono';
import { ApiLogQuery, InboxQuery, ListQuery } from '@parley/sandbox';
import { HUMAN_AGENT_WINDOW_MS } from '../send/limits.ts';
import { isWithinWindow } from '../send/messaging-window.ts';
import type { StoredAttachment } from '../messaging/message-content.ts';
import type { SandboxDeps } from './deps.ts';
import { readQuery } from './input.ts';
import { DEFAULT_LIMIT, pageOf, pagingOf } from './list-page.ts';
import { accountView, appView, notFound, personView, tokenView } from './world.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const parsed = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);

export function consoleRoutes({ store, clock, config, apiLog, cdn }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.get('/api-log', (c) => {
    const { limit, before } = readQuery(c, ApiLogQuery);
    return c.json({ data: apiLog.list(limit ?? DEFAULT_LIMIT, before) });
  });

  routes.get('/world', async (c) => {
    const apps = [];
    for (const app of await store.apps.list()) {
      // The business tokens to copy (a login's user tokens are listed with the app's tokens, GET /apps/{id}/tokens).
      const tokens = (await store.tokens.listOfApp(app.id)).filter((t) => t.kind !== 'user');
      apps.push({ ...appView(app), tokens: tokens.map(tokenView) });
    }
    const people = await store.people.list();
    const scoped = await store.people.scopedIdsOf(people.map((p) => p.id));
    return c.json({
      apps,
      accounts: (await store.accounts.list()).map(accountView),
      people: people.map((p) => ({
        ...personView(p),
        scoped_ids: Object.fromEntries(
          scoped.filter((s) => s.person_id === p.id).map((s) => [s.account_id, s.scoped_id]),
        ),
      })),
    });
  });

  routes.get('/accounts/:id/conversations', async (c) => {
    const account = await store.accounts.get(c.req.param('id'));
    if (!account) throw notFound('account', c.req.param('id'));
    const query = readQuery(c, InboxQuery);
    const page = await store.conversations.list(
      { accountId: account.id, ...(query.folder && { folder: query.folder }) },
      pageOf(query),
    );
    const now = clock.now();
    const hiddenBefore = now - config.requestsHiddenAfterMs;
    return c.json({
      data: page.items.map((v) => ({
        id: v.id,
        folder: v.folder,
        person: { id: v.person_id, username: v.person_username, name: v.person_name },
        scoped_id: v.scoped_id,
        snippet: v.snippet,
        message_count: v.message_count,
        unread_count: v.unread_count,
        updated_time: iso(v.updated_at)!,
        last_user_activity_time: iso(v.last_person_activity_at),
        window: {
          standard: isWithinWindow(v.last_person_activity_at, now, config.replyWindowMs),
          human_agent: isWithinWindow(v.last_person_activity_at, now, HUMAN_AGENT_WINDOW_MS),
        },
        hidden:
          v.folder === 'requests' && v.updated_at < hiddenBefore
            ? 'A request idle for more than 30 days: the Conversations API does not return it'
            : null,
      })),
      ...pagingOf(page, (v) => [v.updated_at, v.seq]),
    });
  });

  routes.get('/conversations/:id/messages', async (c) => {
    const conversation = await store.conversations.get(c.req.param('id'));
    if (!conversation) throw notFound('conversation', c.req.param('id'));
    const query = readQuery(c, ListQuery);
    const request = pageOf(query);
    const page = await store.messages.list(conversation, request);
    // The newest messages have details (GET /{message-id}); count how many come before this page.
    const first = page.items[0];
    const newerThanPage = first
      ? await store.messages.countNewer(conversation.seq, first, config.messageDetailWindow)
      : 0;
    const reactions = await store.reactions.listOf(page.items.map((m) => m.id));
    // What a business sent is stored by Parley: its attachments are shown from their CDN URL.
    const origin = new URL(c.req.url).origin;
    const withUrl = (a: StoredAttachment) =>
      a.asset_id && !a.url ? { ...a, url: cdn.url(origin, a.asset_id, clock.now()) } : a;
    const data = page.items.map((m, i) => ({
      id: m.id,
      from: m.from_business ? 'business' : 'person',
      created_time: iso(m.created_at)!,
      text: m.text,
      attachments: parsed<StoredAttachment[]>(m.attachments, []).map(withUrl),
      shares: parsed(m.shares, []),
      sticker: m.sticker,
      story: parsed(m.story, null),
      reply_to: m.reply_to_mid,
      context: parsed(m.context, null),
      reactions: reactions
        .filter((r) => r.message_id === m.id)
        .map((r) => ({ by: r.reactor, reaction: r.reaction, emoji: r.emoji })),
      edit_count: m.edit_count,
      details: newerThanPage + i < config.messageDetailWindow,
    }));
    return c.json({ data, ...pagingOf(page, (m) => [m.created_at, m.seq]) });
  });

  return routes;
}
