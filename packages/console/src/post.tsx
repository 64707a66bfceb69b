/**
 * A post opened: its picture, caption and kind, the business's switches (comments on or off, ending a live
 * broadcast), its comments with their replies, and the composer that comments as a person.
 */
import { useState } from 'preact/hooks';
import { sandbox } from './api.ts';
import { CommentComposer, type Person } from './comment-composer.tsx';
import { CommentList, type CommentActions, type Comment, type CommentThread } from './comment-list.tsx';
import { isLive, kindOf, LiveBadge, Thumbnail, type Post } from './post-list.tsx';
import { usePagedList } from './use-paged-list.ts';

export function PostDetail(props: {
  post: Post;
  people: readonly Person[];
  /** Changes whenever the world does: the comments are read again. */
  version: number;
  onOpenConversation: (conversationId: string) => void;
  onError: (e: unknown) => void;
}) {
  const { post, people, version, onOpenConversation, onError } = props;
  const [replyTo, setReplyTo] = useState<Comment>();
  const comments = usePagedList<CommentThread>({
    key: post.id,
    read: (after, limit) => sandbox.postComments(post.id, { limit, ...(after && { after }) }),
    pageSize: 50,
    version,
    onError,
  });
  const act = (work: Promise<unknown>) => void work.catch(onError);
  const actions: CommentActions = {
    nameOf: (id) => {
      const person = people.find((p) => p.id === id);
      return person ? (person.name ?? person.username) : id;
    },
    onReply: setReplyTo,
    onHide: (c, hidden) => act(sandbox.updateComment(c.id, { hidden })),
    onDelete: (c) => act(sandbox.deleteComment(c.id)),
    onOpenConversation,
  };
  return (
    <section class="thread post" data-testid="post-detail">
      <header>
        <Thumbnail post={post} size={96} />
        <div class="about">
          <div>{post.caption ?? <span class="meta">No caption</span>}</div>
          <div class="meta">
            {kindOf(post)} <LiveBadge post={post} /> · {new Date(post.timestamp).toLocaleString()} ·{' '}
            {post.comments_count} comment{post.comments_count === 1 ? '' : 's'} ·{' '}
            <a href={post.permalink} target="_blank" rel="noreferrer">
              permalink
            </a>
          </div>
          <div class="row switches">
            <span class="meta">{post.comments_enabled ? 'Comments on' : 'Comments off'}</span>
            <button
              onClick={() => act(sandbox.updatePost(post.id, { comments_enabled: !post.comments_enabled }))}
              data-testid="comments-switch"
            >
              {post.comments_enabled ? 'Turn comments off' : 'Turn comments on'}
            </button>
            {isLive(post) && (
              <button onClick={() => act(sandbox.updatePost(post.id, { end_live: true }))}>End live</button>
            )}
          </div>
        </div>
      </header>
      <CommentList comments={comments.items} actions={actions} onMore={comments.more} />
      <CommentComposer
        accountId={post.account_id}
        mediaId={post.id}
        people={people}
        replyTo={replyTo}
        onCancelReply={() => setReplyTo(undefined)}
        onError={onError}
      />
    </section>
  );
}
