/**
 * A seed's posts and their comments (`posts:` in a seed document): made in the seed's world transaction,
 * through the same rules as the sandbox's acts, as things that already happened, so without webhooks.
 */
import type { SeedDocument } from '@parley/sandbox';
import { CommentRefusal } from '../comments/comment-rules.ts';
import { addComment, hideComment, type CommentsContext } from '../comments/comments.ts';
import type { AccountRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { businessPost } from './posts.ts';
import { invalidSeed } from './seed-document.ts';
import type { World } from './world.ts';

type SeedPost = SeedDocument['posts'][number];
type SeedComment = SeedPost['comments'][number];

export interface SeedPostParts {
  readonly store: Store;
  readonly world: World;
  /** An entry's id from its key, or the id given. */
  readonly ref: (name: string | undefined, what: string) => string;
  /** When an entry happened: its `at` or `ago`, else `fallback`. */
  readonly timeOf: (entry: { at?: string; ago?: string }, fallback: number) => number;
  readonly now: number;
}

/** The past makes no webhooks. */
const PAST = { emit: async () => {} };

/** The shape of an id: digits, or `{prefix}_` and digits (a Page's posts, and the comments on one). */
function idShape(prefix?: string) {
  return prefix === undefined
    ? { test: (id: string) => /^\d{1,20}$/.test(id), says: 'digits' }
    : { test: (id: string) => new RegExp(`^${prefix}_\\d{1,20}$`).test(id), says: `${prefix}_ and digits` };
}
type IdShape = ReturnType<typeof idShape>;

/** A seed's own id for a post or a comment: in Meta's shape for its account, and not taken. */
async function checkId(tx: Store, what: 'post' | 'comment', id: string, shape: IdShape, path: string) {
  if (!shape.test(id)) throw invalidSeed(`${path}.id: a ${what} id here is ${shape.says}`);
  const taken = what === 'post' ? await tx.posts.get(id) : await tx.posts.getComment(id);
  if (taken) throw invalidSeed(`${path}.id: a ${what} ${id} already exists`);
}

/** Creates the seed's posts with their comments; answers their ids by key. */
export async function seedPosts(posts: readonly SeedPost[], parts: SeedPostParts) {
  const created: Record<string, string> = {};
  for (const [i, seed] of posts.entries()) {
    const path = `posts[${i}]`;
    const account = await parts.world.requireAccount(parts.ref(seed.account, 'account'));
    const page = account.type === 'page';
    if (seed.id !== undefined)
      await checkId(parts.store, 'post', seed.id, idShape(page ? account.id : undefined), path);
    const at = parts.timeOf(seed, parts.now - 3_600_000);
    // Comments go in while comments are on; the post is then as the seed says.
    const post = businessPost(account, { ...seed, comments_enabled: true }, at, seed.id);
    await parts.store.posts.insert(post);
    const on = { post: post.id, account, shape: idShape(page ? post.id.split('_')[1] : undefined) };
    let previous = at;
    for (const [j, comment] of seed.comments.entries()) {
      const top = await seedComment(comment, `${path}.comments[${j}]`, { ...on, previous }, parts);
      previous = top.at;
      for (const [k, reply] of comment.replies.entries()) {
        const where = { ...on, previous, parent: top.id };
        previous = (await seedComment(reply, `${path}.comments[${j}].replies[${k}]`, where, parts)).at;
      }
    }
    if (seed.comments_enabled === false) await parts.store.posts.update(post.id, { comments_enabled: 0 });
    created[seed.key ?? post.id] = post.id;
  }
  return created;
}

interface CommentPlace {
  readonly post: string;
  readonly account: AccountRow;
  /** The shape of a comment id on this post. */
  readonly shape: IdShape;
  /** When the comment before it was written. */
  readonly previous: number;
  readonly parent?: string;
}

/** One comment, the rules' refusals named by its path in the seed; answers its id and when it was written. */
async function seedComment(
  seed: Omit<SeedComment, 'replies'>,
  path: string,
  where: CommentPlace,
  parts: SeedPostParts,
): Promise<{ id: string; at: number }> {
  const at = parts.timeOf(seed, where.previous + 60_000);
  if (seed.id !== undefined) await checkId(parts.store, 'comment', seed.id, where.shape, path);
  const personId =
    seed.user === undefined ? undefined : (await parts.world.requirePerson(parts.ref(seed.user, 'user'))).id;
  const ctx: CommentsContext = { tx: parts.store, webhooks: PAST, now: at };
  try {
    const { comment } = await addComment(ctx, {
      mediaId: where.post,
      author: personId === undefined ? { accountId: where.account.id } : { personId },
      text: seed.text,
      ...(where.parent !== undefined && { parentId: where.parent }),
      ...(seed.id !== undefined && { id: seed.id }),
    });
    if (seed.hidden) await hideComment(ctx, comment.id, where.account.id, true);
    return { id: comment.id, at };
  } catch (error) {
    if (error instanceof CommentRefusal)
      throw invalidSeed(`${path}${error.subject === 'text' ? '.text' : ''}: ${error.message}`);
    throw error;
  }
}
