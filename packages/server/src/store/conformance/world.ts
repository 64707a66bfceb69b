/** Apps, accounts, people, follows, scoped ids and tokens. */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../graph/ids.ts';
import type { Store } from '../store.ts';
import { T0, account, person, type StoreSuite } from './rows.ts';
export function worldSuite(suite: StoreSuite): void {
  describe('world', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('stores and finds accounts, people, follows, scoped ids and tokens', async () => {
      const ig = account('instagram');
      const page = { ...account('page'), instagram_account_id: ig.id };
      await store.accounts.insert(ig);
      await store.accounts.insert(page);
      expect(await store.accounts.get(ig.id)).toEqual(ig);
      expect(await store.accounts.getByAppScopedId(ig.app_scoped_id!)).toEqual(ig);
      expect((await store.accounts.getPageLinkedTo(ig.id))?.id).toBe(page.id);

      const p = person();
      await store.people.insert(p);
      expect(await store.people.get(p.id)).toEqual(p);
      expect((await store.people.getByUsername(p.username))?.id).toBe(p.id);

      expect(await store.people.addFollow(p.id, ig.id, T0)).toBe(true);
      expect(await store.people.addFollow(p.id, ig.id, T0)).toBe(false);
      expect(await store.people.isFollowing(p.id, ig.id)).toBe(true);
      await store.people.removeFollow(p.id, ig.id);
      expect(await store.people.isFollowing(p.id, ig.id)).toBe(false);

      const first = await store.people.ensureScopedId({
        scoped_id: '1000000000000001',
        account_id: ig.id,
        person_id: p.id,
        created_at: T0,
      });
      const second = await store.people.ensureScopedId({
        scoped_id: '1000000000000002',
        account_id: ig.id,
        person_id: p.id,
        created_at: T0,
      });
      expect(second).toBe(first);
      expect(await store.people.getScopedId(first)).toEqual({
        scoped_id: first,
        account_id: ig.id,
        person_id: p.id,
        blocked_at: null,
      });
      await store.people.setBlocked(ig.id, p.id, T0);
      expect((await store.people.getScopedId(first))?.blocked_at).toBe(T0);

      const token = {
        token: newId.pageToken(),
        app_id: '1',
        account_id: page.id,
        kind: 'page' as const,
        scopes: '["a"]',
        expires_at: T0 + 1,
        created_at: T0,
        grant_id: null,
        lifetime: null,
      };
      await store.tokens.insert(token);
      expect(await store.tokens.get(token.token)).toEqual(token);
    });
  });
}
