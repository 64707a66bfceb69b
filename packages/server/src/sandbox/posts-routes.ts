/** Posts on business accounts (what MEDIA_SHARE sends) and people's comments on them (what private replies answer). */
import { GraphError } from '@parley/protocol';
import { Hono } from 'hono';
import { newId } from '../graph/ids.ts';
import type { CommentRow, MediaPostRow } from '../store/schema.ts';
import { addComment } from '../comments/comments.ts';
import { sandboxComments, COMMENT_PATHS } from './comment-refusals.ts';
import type { SandboxDeps } from './deps.ts';
import { NewComment, NewPost } from '@parley/sandbox';
import { readBody } from './input.ts';
import { notFound } from './world.ts';

function postView(p: MediaPostRow) {
  return {
    id: p.id,
    account_id: p.account_id,
    media_type: p.media_type,
    media_url: p.media_url,
    permalink: p.permalink,
    caption: p.caption,
  };
}

function commentView(c: CommentRow, personId: string, senderId: string) {
  return {
    id: c.id,
    media_id: c.media_id,
    account_id: c.account_id,
    user_id: personId,
    sender_id: senderId,
    text: c.text,
    timestamp: c.created_at,
    parent_id: c.parent_id,
  };
}

export function postsRoutes({ store, clock, world, webhooks }: SandboxDeps): Hono {
  const routes = new Hono();

  routes.post('/accounts/:id/media', async (c) => {
    const account = await world.requireAccount(c.req.param('id'));
    if (account.type !== 'instagram')
      throw new GraphError('sandboxInvalidRequest', { detail: 'Posts belong to Instagram accounts' });
    const body = await readBody(c, NewPost);
    const id = newId.instagramMedia();
    const post: MediaPostRow = {
      id,
      account_id: account.id,
      media_type: body.media_type ?? 'IMAGE',
      media_url: body.media_url ?? `https://picsum.photos/seed/${id}/1080/1080`,
      permalink: `https://www.instagram.com/p/${Buffer.from(id).toString('base64url').slice(0, 11)}/`,
      caption: body.caption ?? null,
      created_at: clock.now(),
      product_type: 'FEED',
      like_count: 0,
      comments_enabled: 1,
      author_person_id: null,
      live_ended_at: null,
    };
    await store.posts.insert(post);
    return c.json(postView(post));
  });

  routes.get('/media/:id', async (c) => {
    const post = await store.posts.get(c.req.param('id'));
    if (!post) throw notFound('post', c.req.param('id'));
    return c.json(postView(post));
  });

  routes.post('/users/:id/comments', async (c) => {
    const person = await world.requirePerson(c.req.param('id'));
    const body = await readBody(c, NewComment);
    const written = await sandboxComments(COMMENT_PATHS, () =>
      store.transaction((tx) =>
        addComment(
          { tx, webhooks, now: clock.now() },
          {
            mediaId: body.media_id,
            author: { personId: person.id },
            text: body.text,
            ...(body.parent_id !== undefined && { parentId: body.parent_id }),
          },
        ),
      ),
    );
    return c.json(commentView(written.comment, person.id, written.scopedId ?? ''));
  });

  return routes;
}
