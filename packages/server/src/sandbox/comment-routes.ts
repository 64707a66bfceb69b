/**
 * Comments as people and the business's staff make them, through the comment rules (comments/): people
 * comment, reply and delete their comments; the business's staff comment, reply and hide them in Meta's apps;
 * a Facebook comment's author edits it.
 * A post's comments with their replies, for the console.
 */
import { CommentChange, NewComment, ListQuery } from '@parley/sandbox';
import { Hono } from 'hono';
import {
  addComment,
  deleteComment,
  editComment,
  hideComment,
  requireComment,
  type CommentActor,
  type CommentsContext,
} from '../comments/comments.ts';
import type { CommentRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { COMMENT_PATHS, sandboxComments } from './comment-refusals.ts';
import type { SandboxDeps } from './deps.ts';
import { readBody, readQuery } from './input.ts';
import { pageOf, pagingOf } from './list-page.ts';
import { postCommentView, privateRepliesOf } from './posts.ts';
import { notFound } from './world.ts';

/** Who wrote a comment: the sandbox acts as its author. */
const authorOf = (c: CommentRow): CommentActor =>
  c.person_id === null ? { accountId: c.account_id } : { personId: c.person_id };

/** Comments with their authors' usernames (the account's, for the business's) and private replies. */
async function commentViews(store: Store, comments: readonly CommentRow[]) {
  const replyOf = await privateRepliesOf(
    store,
    comments.map((c) => c.private_reply_mid),
  );
  const authorKey = (c: CommentRow) => c.person_id ?? `account:${c.account_id}`;
  // One read per author, not per comment.
  const authors = [...new Map(comments.map((c) => [authorKey(c), c])).entries()];
  const named = await Promise.all(
    authors.map(([, c]) =>
      c.person_id === null ? store.accounts.get(c.account_id) : store.people.get(c.person_id),
    ),
  );
  const usernames = new Map(authors.map(([key], i) => [key, named[i]?.username ?? null]));
  return comments.map((c) => postCommentView(c, usernames.get(authorKey(c))!, replyOf(c.private_reply_mid)));
}

export function commentRoutes({ store, clock, world, webhooks }: SandboxDeps): Hono {
  const routes = new Hono();

  /** Runs a comment act in one transaction, its refusal answered naming the field. */
  const act = <T>(work: (ctx: CommentsContext) => Promise<T>) =>
    sandboxComments(COMMENT_PATHS, () => store.transaction((tx) => work({ tx, webhooks, now: clock.now() })));

  routes.post('/users/:id/comments', async (c) => {
    const person = await world.requirePerson(c.req.param('id'));
    const body = await readBody(c, NewComment);
    const { comment, scopedId } = await act((ctx) =>
      addComment(ctx, {
        mediaId: body.media_id,
        author: { personId: person.id },
        text: body.text,
        ...(body.parent_id !== undefined && { parentId: body.parent_id }),
      }),
    );
    return c.json({
      id: comment.id,
      media_id: comment.media_id,
      account_id: comment.account_id,
      user_id: person.id,
      sender_id: scopedId!,
      text: comment.text,
      timestamp: comment.created_at,
      parent_id: comment.parent_id,
    });
  });

  routes.post('/accounts/:id/comments', async (c) => {
    const account = await world.requireAccount(c.req.param('id'));
    const body = await readBody(c, NewComment);
    const { comment } = await act((ctx) =>
      addComment(ctx, {
        mediaId: body.media_id,
        author: { accountId: account.id },
        text: body.text,
        ...(body.parent_id !== undefined && { parentId: body.parent_id }),
      }),
    );
    return c.json(postCommentView(comment, account.username));
  });

  routes.get('/media/:id/comments', async (c) => {
    const post = await store.posts.get(c.req.param('id'));
    if (!post) throw notFound('post', c.req.param('id'));
    const top = { mediaId: post.id, replies: false };
    const page = await store.posts.listComments(top, pageOf(readQuery(c, ListQuery)), 'newest');
    const replies = await store.posts.repliesTo(page.items.map((r) => r.id));
    const views = await commentViews(store, [...page.items, ...replies]);
    const repliesOf = (id: string) => views.filter((v) => v.parent_id === id);
    return c.json({
      data: views.slice(0, page.items.length).map((v) => ({ ...v, replies: repliesOf(v.id) })),
      ...pagingOf(page, (r) => [r.created_at, r.seq]),
    });
  });

  routes.patch('/comments/:id', async (c) => {
    const change = await readBody(c, CommentChange);
    const edited = await act(async (ctx) => {
      let comment = await requireComment(ctx.tx, c.req.param('id'));
      if (change.text !== undefined)
        comment = await editComment(ctx, comment.id, authorOf(comment), change.text);
      if (change.hidden !== undefined)
        comment = await hideComment(ctx, comment.id, comment.account_id, change.hidden);
      return comment;
    });
    return c.json((await commentViews(store, [edited]))[0]!);
  });

  routes.delete('/comments/:id', async (c) => {
    await act(async (ctx) => {
      const comment = await requireComment(ctx.tx, c.req.param('id'));
      return deleteComment(ctx, comment.id, authorOf(comment));
    });
    return c.json({ success: true });
  });

  return routes;
}
