/**
 * The Posts view of a business account: its media newest first (with the people's own media that mentions
 * it), what the business publishes and people post, and the open post with its comments.
 */
import { sandbox } from './api.ts';
import type { Person } from './comment-composer.tsx';
import { MentionPost, PublishPost } from './new-post.tsx';
import { PostDetail } from './post.tsx';
import { PostList, type Post } from './post-list.tsx';
import { usePagedList } from './use-paged-list.ts';

export function PostsView(props: {
  account: { id: string; type: 'instagram' | 'page'; username: string | null };
  people: readonly Person[];
  /** The post chosen (kept while the inbox is shown); the newest is open until one is. */
  selected: string | undefined;
  onSelect: (id: string) => void;
  /** Changes whenever the world does: what is shown is read again. */
  version: number;
  onOpenConversation: (conversationId: string) => void;
  onError: (e: unknown) => void;
}) {
  const { account, people, selected, onSelect, version, onOpenConversation, onError } = props;
  const posts = usePagedList<Post>({
    key: account.id,
    read: (after, limit) => sandbox.accountPosts(account.id, { limit, ...(after && { after }) }),
    pageSize: 50,
    version,
    onError,
  });
  // A post chosen but not (yet) in the list, as one just published before the list is read again: the newest.
  const post = posts.items.find((p) => p.id === selected) ?? posts.items[0];
  const usernameOf = (id: string) => people.find((p) => p.id === id)?.username ?? id;
  return (
    <>
      <div class="left">
        <PublishPost account={account} onPublished={onSelect} onError={onError} />
        {account.type === 'instagram' && account.username && (
          <MentionPost username={account.username} people={people} onPosted={onSelect} onError={onError} />
        )}
        <PostList
          posts={posts.items}
          selected={post?.id}
          usernameOf={usernameOf}
          onSelect={onSelect}
          onMore={posts.more}
        />
      </div>
      {post ? (
        <PostDetail
          key={post.id}
          post={post}
          people={people}
          version={version}
          onOpenConversation={onOpenConversation}
          onError={onError}
        />
      ) : (
        <section class="thread empty">No posts yet: publish one.</section>
      )}
    </>
  );
}
