/** The comment rules' refusals as the sandbox answers them: a 400 (or 404) naming the field at fault. */
import { GraphError } from '@parley/protocol';
import { CommentRefusal, type RefusalSubject } from '../comments/comment-rules.ts';

/** The body field (or path part) each subject of a refusal is given as. */
export type RefusalPaths = Readonly<Record<RefusalSubject, string>>;

/** `POST /users/{id}/comments` and the acts on one comment (`/comments/{id}`). */
export const COMMENT_PATHS: RefusalPaths = {
  media: 'media_id',
  parent: 'parent_id',
  text: 'text',
  comment: 'id',
};

/** Runs a comment act, answering its refusal as the sandbox's error naming the field. */
export async function sandboxComments<T>(paths: RefusalPaths, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof CommentRefusal)) throw error;
    const detail = `${paths[error.subject]}: ${error.message}`;
    throw new GraphError(error.notFound ? 'sandboxNotFound' : 'sandboxInvalidRequest', { detail });
  }
}
