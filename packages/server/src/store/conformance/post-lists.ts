/** Posts and comments as the Graph API lists them: keyset pages in either direction, and counts. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PageRequest } from '../../graph/paging.ts';
import type { Store } from '../store.ts';
import type { CommentRow, MediaPostRow } from '../schema.ts';
import { T0, type StoreSuite } from './rows.ts';

const ACCOUNT = '17841400000000901';
const media = (id: string, created_at: number, author: string | null = null) => ({
  id,
  account_id: ACCOUNT,
  media_type: 'IMAGE',
  media_url: 'https://cdn.test/a.jpg',
  permalink: 'https://www.instagram.com/p/a/',
  caption: null,
  created_at,
  product_type: 'FEED' as const,
  like_count: 0,
  comments_enabled: 1,
  author_person_id: author,
  live_ended_at: null,
});
const comment = (id: string, parent_id: string | null = null) => ({
  id,
  media_id: '17900000000000901',
  account_id: ACCOUNT,
  parent_id,
  person_id: '51000000901',
  text: id,
  created_at: T0,
  deleted_at: null,
  private_reply_mid: null,
});

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
const keyOf = (r: MediaPostRow | CommentRow) => [r.created_at, r.seq] as const;

export function postListsSuite(suite: StoreSuite): void {
  describe('post and comment lists for the Graph API', () => {
    let store: Store;
    beforeAll(async () => {
      store = suite.store;
      // Two posts at the same instant: the row number orders them. A person's media is not listed.
      await store.posts.insert(media('17900000000000901', T0));
      await store.posts.insert(media('17900000000000902', T0 + 5));
      await store.posts.insert(media('17900000000000903', T0 + 5));
      await store.posts.insert(media('17900000000000904', T0 + 9, '51000000901'));
      for (const c of [comment('c1'), comment('c2'), comment('r1', 'c1'), comment('c3')]) {
        await store.posts.insertComment(c);
      }
      await store.posts.deleteComment('c2', T0 + 1);
    });

    it("pages an account's own posts newest first, both ways", async () => {
      const first = await store.posts.listMedia(ACCOUNT, { limit: 2 });
      expect(ids(first.items)).toEqual(['17900000000000903', '17900000000000902']);
      expect(first.more).toBe(true);
      const after: PageRequest = { limit: 2, after: keyOf(first.items[1]!) };
      const next = await store.posts.listMedia(ACCOUNT, after);
      expect(ids(next.items)).toEqual(['17900000000000901']);
      expect(next.more).toBe(false);
      const back = await store.posts.listMedia(ACCOUNT, { limit: 1, before: keyOf(next.items[0]!) });
      expect(ids(back.items)).toEqual(['17900000000000902']);
      expect(back.more).toBe(true);
    });

    it('pages comments in either order, top-level, all, or replies, leaving deleted ones out', async () => {
      const top = { mediaId: '17900000000000901', replies: false };
      const oldest = await store.posts.listComments(top, { limit: 1 }, 'oldest');
      expect(ids(oldest.items)).toEqual(['c1']);
      const next = await store.posts.listComments(
        top,
        { limit: 5, after: keyOf(oldest.items[0]!) },
        'oldest',
      );
      expect(ids(next.items)).toEqual(['c3']);
      const back = await store.posts.listComments(top, { limit: 5, before: keyOf(next.items[0]!) }, 'oldest');
      expect(ids(back.items)).toEqual(['c1']);
      expect(ids((await store.posts.listComments(top, { limit: 5 }, 'newest')).items)).toEqual(['c3', 'c1']);
      const all = { mediaId: '17900000000000901', replies: true };
      expect(ids((await store.posts.listComments(all, { limit: 5 }, 'oldest')).items)).toEqual([
        'c1',
        'r1',
        'c3',
      ]);
      const replies = await store.posts.listComments({ parentId: 'c1' }, { limit: 5 }, 'oldest');
      expect(ids(replies.items)).toEqual(['r1']);
      expect(await store.posts.countComments(all)).toBe(3);
      expect(await store.posts.countComments(top)).toBe(2);
      expect(await store.posts.countComments({ parentId: 'c1' })).toBe(1);
    });
  });
}
