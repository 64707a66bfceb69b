/** Posts and comments: a post's changes, comments hidden, edited and deleted with their replies, and the lists. */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../graph/ids.ts';
import type { MediaPostRow, NewComment } from '../schema.ts';
import type { Store } from '../store.ts';
import { account, T0, type StoreSuite } from './rows.ts';

function post(accountId: string, at: number, id = newId.instagramMedia()): Omit<MediaPostRow, 'seq'> {
  return {
    id,
    account_id: accountId,
    media_type: 'IMAGE',
    media_url: 'https://example.com/p.jpg',
    permalink: 'https://www.instagram.com/p/x/',
    caption: null,
    created_at: at,
    product_type: 'FEED',
    like_count: 0,
    comments_enabled: 1,
    author_person_id: null,
    live_ended_at: null,
    private_reply_mid: null,
  };
}

function comment(
  mediaId: string,
  accountId: string,
  text: string,
  parentId: string | null = null,
): NewComment {
  return {
    id: newId.instagramComment(),
    media_id: mediaId,
    account_id: accountId,
    parent_id: parentId,
    person_id: null,
    text,
    created_at: T0,
    deleted_at: null,
    private_reply_mid: null,
  };
}

export function postsSuite(suite: StoreSuite): void {
  describe('posts and comments', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });

    it('lists an account’s posts with people’s that mention it, newest first, past a cursor, and finds accounts by username', async () => {
      const shop = account('instagram');
      await store.accounts.insert({ ...shop, username: `Shop.${shop.id}` });
      const mention = { ...post(shop.id, T0 + 1), author_person_id: 'person-1' };
      const posts = [post(shop.id, T0), post(shop.id, T0 + 1), mention];
      for (const p of posts) await store.posts.insert(p);
      // Of two posts at one instant, the later written is the newer.
      const newest = [mention, posts[1]!, posts[0]!];
      const first = await store.posts.listMedia(shop.id, { limit: 2 }, { mentions: true });
      expect(first.items.map((p) => p.id)).toEqual(newest.slice(0, 2).map((p) => p.id));
      const last = first.items[1]!;
      const rest = await store.posts.listMedia(
        shop.id,
        { limit: 2, after: [last.created_at, last.seq] },
        { mentions: true },
      );
      expect(rest.items.map((p) => p.id)).toEqual([newest[2]!.id]);
      expect((await store.posts.listMedia(shop.id, { limit: 5 })).items.map((p) => p.id)).toEqual([
        posts[1]!.id,
        posts[0]!.id,
      ]);
      await store.posts.update(posts[0]!.id, { comments_enabled: 0, live_ended_at: T0 });
      expect(await store.posts.get(posts[0]!.id)).toMatchObject({ comments_enabled: 0, live_ended_at: T0 });
      expect((await store.accounts.instagramByUsername(`shop.${shop.id}`)).map((a) => a.id)).toEqual([
        shop.id,
      ]);
    });

    it('hides, edits and deletes comments, a top-level one with its replies, and counts the rest', async () => {
      const shop = account('instagram');
      await store.accounts.insert(shop);
      const p = post(shop.id, T0);
      await store.posts.insert(p);
      const top = comment(p.id, shop.id, 'top');
      const other = comment(p.id, shop.id, 'other');
      await store.posts.insertComment(top);
      await store.posts.insertComment(other);
      const reply = comment(p.id, shop.id, 'reply', top.id);
      await store.posts.insertComment(reply);
      await store.posts.updateComment(other.id, { hidden: 1, text: 'edited' });
      expect(await store.posts.getComment(other.id)).toMatchObject({ hidden: 1, text: 'edited' });
      const topLevel = { mediaId: p.id, replies: false };
      const all = { mediaId: p.id, replies: true };
      const newestTop = await store.posts.listComments(topLevel, { limit: 10 }, 'newest');
      expect(newestTop.items.map((c) => c.id)).toEqual([other.id, top.id]);
      const pastOther = { limit: 10, after: [T0, (await store.posts.getComment(other.id))!.seq] } as const;
      expect((await store.posts.listComments(topLevel, pastOther, 'newest')).items.map((c) => c.id)).toEqual([
        top.id,
      ]);
      expect((await store.posts.repliesTo([top.id])).map((c) => c.id)).toEqual([reply.id]);
      expect(await store.posts.repliesTo([])).toEqual([]);
      expect(await store.posts.countComments(all)).toBe(3);

      expect(await store.posts.deleteComment(top.id, T0 + 5)).toBe(2);
      expect(await store.posts.getComment(reply.id)).toBeUndefined();
      expect(await store.posts.deleteComment(top.id, T0 + 6)).toBe(0);
      expect(await store.posts.countComments(all)).toBe(1);
      expect(await store.posts.countComments({ mediaId: 'none', replies: true })).toBe(0);
    });

    it('records one private reply per comment (not a deleted one) and per post', async () => {
      const page = account('page');
      await store.accounts.insert(page);
      const p = { ...post(page.id, T0, newId.pagePost(page.id)), author_person_id: 'person-1' };
      await store.posts.insert(p);
      const [asked, gone] = [comment(p.id, page.id, 'seats?'), comment(p.id, page.id, 'hm')];
      for (const c of [asked, gone]) await store.posts.insertComment(c);
      await store.posts.deleteComment(gone.id, T0 + 1);

      expect(await store.posts.claimPrivateReply({ commentId: asked.id }, 'm_1')).toBe(true);
      expect(await store.posts.claimPrivateReply({ commentId: asked.id }, 'm_2')).toBe(false);
      expect((await store.posts.getComment(asked.id))!.private_reply_mid).toBe('m_1');
      expect(await store.posts.claimPrivateReply({ commentId: gone.id }, 'm_3')).toBe(false);
      expect(await store.posts.claimPrivateReply({ postId: p.id }, 'm_4')).toBe(true);
      expect(await store.posts.claimPrivateReply({ postId: p.id }, 'm_5')).toBe(false);
      expect(await store.posts.get(p.id)).toMatchObject({ private_reply_mid: 'm_4' });
    });
  });
}
