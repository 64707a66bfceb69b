/**
 * A post's comments, newest first, each with its replies oldest first (deleted ones are gone): who wrote it
 * and when, whether the business hid it, and whether it got its private reply, with a link to that
 * conversation.
 */
import type { z } from 'zod';
import type { PostComment, PostComments } from '@parley/sandbox';
import { VirtualList } from './virtual-list.tsx';

/** A comment or a reply. */
export type Comment = z.output<typeof PostComment>;
/** A top-level comment with its replies. */
export type CommentThread = z.output<typeof PostComments>['data'][number];

export interface CommentActions {
  /** A person's name, by id. */
  nameOf: (personId: string) => string;
  onReply: (comment: Comment) => void;
  onHide: (comment: Comment, hidden: boolean) => void;
  onDelete: (comment: Comment) => void;
  onOpenConversation: (conversationId: string) => void;
}

function Link(props: { label: string; onClick: () => void }) {
  return (
    <a
      href="#"
      onClick={(e) => {
        e.preventDefault();
        props.onClick();
      }}
    >
      {props.label}
    </a>
  );
}

function CommentView({ comment: c, actions }: { comment: Comment; actions: CommentActions }) {
  const byBusiness = c.user_id === null;
  return (
    <div class={`comment ${c.hidden ? 'hidden' : ''} ${byBusiness ? 'business' : ''}`} data-testid="comment">
      <div>
        <strong>{byBusiness ? `The business (@${c.username})` : actions.nameOf(c.user_id!)}</strong>{' '}
        <span class="text">{c.text}</span>
      </div>
      <div class="meta">
        {new Date(c.timestamp).toLocaleString()}
        {c.hidden && ' · hidden'}
        {' · '}
        <Link label="reply" onClick={() => actions.onReply(c)} />
        {!byBusiness && (
          <>
            {' · '}
            <Link label={c.hidden ? 'unhide' : 'hide'} onClick={() => actions.onHide(c, !c.hidden)} />
          </>
        )}
        {' · '}
        <Link label="delete" onClick={() => actions.onDelete(c)} />
        {c.private_reply && (
          <span class="private-reply" data-testid="private-reply">
            {' · ✉ private reply sent: '}
            <Link
              label="open the conversation"
              onClick={() => actions.onOpenConversation(c.private_reply!.conversation_id)}
            />
          </span>
        )}
      </div>
    </div>
  );
}

export function CommentList(props: {
  comments: CommentThread[];
  actions: CommentActions;
  /** Reads the next page, when there is one. */
  onMore: (() => void) | undefined;
}) {
  const { comments, actions, onMore } = props;
  if (comments.length === 0) return <div class="comments empty meta">No comments yet.</div>;
  return (
    <VirtualList
      class="comments"
      testId="comments"
      items={comments}
      estimateSize={56}
      onMore={onMore}
      row={(c) => ({
        content: (
          <>
            <CommentView comment={c} actions={actions} />
            <div class="replies">
              {c.replies.map((r) => (
                <CommentView key={r.id} comment={r} actions={actions} />
              ))}
            </div>
          </>
        ),
      })}
    />
  );
}
