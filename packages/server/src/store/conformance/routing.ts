/**
 * Conversation routing and personas: an account's roles replaced whole, who controls a thread (the primary
 * receiver unless another app holds it, until its control expires), kept across a reopen; a Page's personas
 * paged newest first and deleted by id.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../graph/ids.ts';
import type { Store } from '../store.ts';
import { T0, type StoreSuite } from './rows.ts';

export function routingSuite(suite: StoreSuite): void {
  describe('conversation routing and personas', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });

    it('replaces roles whole, and answers who controls a thread', async () => {
      const page = newId.page();
      const [bot, agent] = [newId.app(), newId.app()];
      expect(await store.routing.control(page, 7, T0)).toEqual({ primary: null, holder: null });
      await store.routing.setRoles(
        page,
        [
          { app_id: agent, role: 'secondary_receiver' },
          { app_id: bot, role: 'primary_receiver' },
        ],
        T0,
      );
      expect((await store.routing.roles(page)).map((r) => [r.app_id, r.role])).toEqual([
        [bot, 'primary_receiver'],
        [agent, 'secondary_receiver'],
      ]);
      await store.routing.hold({
        conversation_seq: 7,
        account_id: page,
        app_id: agent,
        since: T0,
        expires_at: T0 + 10,
      });
      expect(await store.routing.control(page, 7, T0 + 9)).toEqual({ primary: bot, holder: agent });
      expect(await store.routing.control(page, 7, T0 + 10)).toEqual({ primary: bot, holder: null });
      expect(await store.routing.control(page, 8, T0)).toEqual({ primary: bot, holder: null });
      await store.routing.hold({
        conversation_seq: 7,
        account_id: page,
        app_id: bot,
        since: T0,
        expires_at: null,
      });
      expect(await store.routing.control(page, 7, T0 + 1e9)).toEqual({ primary: bot, holder: bot });

      const reopened = await suite.reopen();
      expect(await reopened.routing.control(page, 7, T0)).toEqual({ primary: bot, holder: bot });
      await reopened.routing.releaseAll(page);
      await reopened.routing.setRoles(page, [], T0);
      expect(await reopened.routing.control(page, 7, T0)).toEqual({ primary: null, holder: null });
      expect(await reopened.routing.holder(7)).toBeUndefined();
    });

    it('rolls a change of control back with its transaction', async () => {
      const page = newId.page();
      await expect(
        store.transaction(async (tx) => {
          await tx.routing.setRoles(page, [{ app_id: newId.app(), role: 'primary_receiver' }], T0);
          await tx.routing.hold({
            conversation_seq: 9,
            account_id: page,
            app_id: 'x',
            since: T0,
            expires_at: null,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.routing.control(page, 9, T0)).toEqual({ primary: null, holder: null });
    });

    it("pages a Page's personas newest first, and deletes them by id", async () => {
      const page = newId.page();
      const ids = [newId.persona(), newId.persona(), newId.persona()];
      for (const [i, id] of ids.entries()) {
        await store.personas.insert({
          id,
          account_id: page,
          name: `Persona ${i} 😀`,
          profile_picture_url: `https://example.com/${i}.png`,
          created_at: T0 + i,
        });
      }
      const first = await store.personas.list(page, { limit: 2 });
      expect(first.items.map((p) => p.id)).toEqual([ids[2], ids[1]]);
      expect(first.more).toBe(true);
      const last = first.items.at(-1)!;
      const next = await store.personas.list(page, { limit: 2, after: [last.created_at, last.seq] });
      expect(next.items.map((p) => p.id)).toEqual([ids[0]]);
      expect(await store.personas.get(ids[1]!)).toMatchObject({ name: 'Persona 1 😀', account_id: page });
      expect(await store.personas.delete(ids[1]!)).toBe(true);
      expect(await store.personas.delete(ids[1]!)).toBe(false);
      expect((await store.personas.list(page, { limit: 5 })).items.map((p) => p.id)).toEqual([
        ids[2],
        ids[0],
      ]);
    });
  });
}
