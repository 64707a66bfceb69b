/**
 * An account's media, newest first, as its grid lists them: each post's picture, caption, kind (a live
 * broadcast marked while it runs), comment count and whether it takes comments.
 */
import type { z } from 'zod';
import type { Post as PostView } from '@parley/sandbox';
import { VirtualList } from './virtual-list.tsx';

export type Post = z.output<typeof PostView>;

const KINDS: Record<Post['media_product_type'], string> = {
  FEED: 'post',
  REELS: 'reel',
  STORY: 'story',
  LIVE: 'live',
  AD: 'ad',
};

/** What the post is, as Instagram's apps name it. */
export const kindOf = (post: Post) => KINDS[post.media_product_type];

/** A live broadcast that has not ended. */
export const isLive = (post: Post) => post.media_product_type === 'LIVE' && post.live_ended_at === null;

const VIDEO_FILE = /\.(mp4|mov|webm)(\?|$)/i;

/** The post's picture (or video, when its URL is a video file). */
export function Thumbnail({ post, size }: { post: Post; size: number }) {
  const style = { width: `${size}px`, height: `${size}px` };
  return VIDEO_FILE.test(post.media_url) ? (
    <video class="thumb" src={post.media_url} style={style} muted />
  ) : (
    <img class="thumb" src={post.media_url} style={style} alt="" loading="lazy" />
  );
}

export function LiveBadge({ post }: { post: Post }) {
  if (post.media_product_type !== 'LIVE') return null;
  return isLive(post) ? <span class="badge live">LIVE</span> : <span class="badge">live ended</span>;
}

export function PostList(props: {
  posts: Post[];
  selected: string | undefined;
  /** A person's username, for their own media that mentions the account. */
  usernameOf: (personId: string) => string;
  onSelect: (id: string) => void;
  /** Reads the next page, when there is one. */
  onMore: (() => void) | undefined;
}) {
  const { posts, selected, usernameOf, onSelect, onMore } = props;
  return (
    <nav class="inbox posts">
      <VirtualList
        class="list"
        testId="post-list"
        items={posts}
        estimateSize={72}
        onMore={onMore}
        row={(p) => ({
          class: p.id === selected ? 'selected' : '',
          onClick: () => onSelect(p.id),
          testId: 'post',
          content: (
            <>
              <Thumbnail post={p} size={48} />
              <div class="about">
                <div class="snippet">{p.caption ?? ''}</div>
                <div class="meta">
                  {kindOf(p)} <LiveBadge post={p} /> · {p.comments_count} comment
                  {p.comments_count === 1 ? '' : 's'}
                  {!p.comments_enabled && ' · comments off'}
                  {p.user_id !== null && ` · by @${usernameOf(p.user_id)}`}
                </div>
              </div>
            </>
          ),
        })}
      />
    </nav>
  );
}
