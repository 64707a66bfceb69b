/**
 * Posts: the business publishes posts, reels, stories and live broadcasts (a Page, posts), turns comments off
 * or on and ends a live broadcast; people post their own media, mentioning businesses, and post on Pages'
 * timelines. Lists for the console.
 */
import { GraphError } from '@parley/protocol';
import { NewPost, PersonPost, PostChange, ListQuery } from '@parley/sandbox';
import { Hono } from 'hono';
import { addVisitorPost, mentionEvents, setCommentsEnabled } from '../comments/comments.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody, readQuery } from './input.ts';
import { pageOf, pagingOf } from './list-page.ts';
import { businessPost, personPost, postView, postViews } from './posts.ts';
import { notFound } from './world.ts';

export function postsRoutes({ store, clock, world, webhooks }: SandboxDeps): Hono {
  const routes = new Hono();

  const requirePost = async (id: string) => {
    const post = await store.posts.get(id);
    if (!post) throw notFound('post', id);
    return post;
  };
  const viewOf = async (id: string) => (await postViews(store, [await requirePost(id)]))[0]!;

  routes.post('/accounts/:id/media', async (c) => {
    const account = await world.requireAccount(c.req.param('id'));
    const post = businessPost(account, await readBody(c, NewPost), clock.now());
    // In a transaction: its commit is what tells a watching console (`/events`) to read again.
    await store.transaction((tx) => tx.posts.insert(post));
    return c.json(postView(post, 0));
  });

  routes.get('/accounts/:id/media', async (c) => {
    const account = await world.requireAccount(c.req.param('id'));
    const page = await store.posts.listMedia(account.id, pageOf(readQuery(c, ListQuery)), { mentions: true });
    return c.json({
      data: await postViews(store, page.items),
      ...pagingOf(page, (p) => [p.created_at, p.seq]),
    });
  });

  routes.get('/media/:id', async (c) => c.json(await viewOf(c.req.param('id'))));

  routes.patch('/media/:id', async (c) => {
    const post = await requirePost(c.req.param('id'));
    const change = await readBody(c, PostChange);
    if (change.end_live && post.product_type !== 'LIVE')
      throw new GraphError('sandboxInvalidRequest', {
        detail: 'end_live: this media is not a live broadcast',
      });
    await store.transaction(async (tx) => {
      if (change.comments_enabled !== undefined)
        await setCommentsEnabled(tx, post.id, change.comments_enabled);
      if (change.end_live && post.live_ended_at === null)
        await tx.posts.update(post.id, { live_ended_at: clock.now() });
    });
    return c.json(await viewOf(post.id));
  });

  routes.post('/users/:id/media', async (c) => {
    const person = await world.requirePerson(c.req.param('id'));
    const input = await readBody(c, PersonPost);
    const page = input.to === undefined ? undefined : await world.requireAccount(input.to);
    const post = await store.transaction(async (tx) => {
      const now = clock.now();
      const made = await personPost(tx, person.id, input, now, page);
      if (page) {
        await addVisitorPost({ tx, webhooks, now }, made);
      } else {
        await tx.posts.insert(made);
        await webhooks.emit(tx, await mentionEvents(tx, made.caption ?? '', made, now));
      }
      return made;
    });
    return c.json(postView(post, 0));
  });

  return routes;
}
