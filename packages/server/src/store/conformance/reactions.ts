/** Reactions: one per person and message. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { T0, type StoreSuite } from './rows.ts';
export function reactionsSuite(suite: StoreSuite): void {
  describe('reactions', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('upserts and removes reactions', async () => {
      const id = 'm_reacted';
      await store.reactions.upsert({
        message_id: id,
        reactor: 'person',
        reaction: 'love',
        emoji: '❤️',
        created_at: T0,
      });
      await store.reactions.upsert({
        message_id: id,
        reactor: 'person',
        reaction: 'wow',
        emoji: '😮',
        created_at: T0 + 1,
      });
      expect(await store.reactions.list(id)).toEqual([
        { message_id: id, reactor: 'person', reaction: 'wow', emoji: '😮', created_at: T0 + 1 },
      ]);
      expect(await store.reactions.delete(id, 'person')).toBe(true);
      expect(await store.reactions.delete(id, 'person')).toBe(false);
    });
  });
}
