/**
 * Commenting on a post as a person of the world (or as the business's staff, in Meta's app): a comment, or
 * a reply to the comment chosen in the list. What the rules refuse is shown here, as the app would say it.
 */
import { useState } from 'preact/hooks';
import { SandboxError } from '@parley/sandbox';
import { sandbox } from './api.ts';
import type { Comment } from './comment-list.tsx';

export interface Person {
  readonly id: string;
  readonly username: string;
  readonly name: string | null;
}

/** The author chosen: a person's id, or this for the business. */
const BUSINESS = '';

export function CommentComposer(props: {
  accountId: string;
  mediaId: string;
  people: readonly Person[];
  /** The comment being answered, if any. */
  replyTo: Comment | undefined;
  onCancelReply: () => void;
  onError: (e: unknown) => void;
}) {
  const { accountId, mediaId, people, replyTo, onCancelReply, onError } = props;
  const [author, setAuthor] = useState(people[0]?.id ?? BUSINESS);
  const [text, setText] = useState('');
  const [refused, setRefused] = useState<string>();
  const send = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    const body = { media_id: mediaId, text, ...(replyTo && { parent_id: replyTo.parent_id ?? replyTo.id }) };
    try {
      await (author === BUSINESS ? sandbox.businessComment(accountId, body) : sandbox.comment(author, body));
    } catch (error) {
      // The rules' refusals are the commenter's to read; a missing admin token is the console's.
      if (!(error instanceof SandboxError) || error.status === 401) throw error;
      setRefused(error.message);
      return;
    }
    setRefused(undefined);
    setText('');
    onCancelReply();
  };
  return (
    <form class="composer comment-composer" onSubmit={(e) => void send(e).catch(onError)}>
      {replyTo && (
        <div class="replying" data-testid="replying">
          Replying to {replyTo.username ? `@${replyTo.username}` : 'a comment'}{' '}
          <button type="button" onClick={onCancelReply}>
            ×
          </button>
        </div>
      )}
      {refused && (
        <div class="error" data-testid="comment-refused">
          {refused}
        </div>
      )}
      <div class="row">
        <select
          value={author}
          onChange={(e) => setAuthor((e.target as HTMLSelectElement).value)}
          data-testid="comment-as"
        >
          {people.map((p) => (
            <option value={p.id}>{p.name ?? p.username}</option>
          ))}
          <option value={BUSINESS}>The business</option>
        </select>
        <input
          value={text}
          placeholder={replyTo ? 'Write a reply…' : 'Write a comment…'}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          data-testid="comment-text"
        />
        <button type="submit">{replyTo ? 'Reply' : 'Comment'}</button>
      </div>
    </form>
  );
}
