/**
 * The Messenger Profile API's properties: set one at a time, kept apart per account, removed by name; and
 * welcome message flows, each app's own.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../graph/ids.ts';
import type { Store } from '../store.ts';
import { T0, type StoreSuite } from './rows.ts';

export function messengerProfilesSuite(suite: StoreSuite): void {
  describe('messenger profiles', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });

    it('sets properties, replaces one without touching the others, and removes them by name', async () => {
      const page = newId.page();
      const other = newId.page();
      const menu = [
        { locale: 'default', call_to_actions: [{ type: 'postback', title: 'Ünïcødé 😀', payload: 'P' }] },
      ];
      await store.messengerProfiles.set(
        page,
        new Map<string, unknown>([
          ['get_started', { payload: 'START' }],
          ['persistent_menu', menu],
        ]),
        T0,
      );
      await store.messengerProfiles.set(other, new Map([['get_started', { payload: 'OTHER' }]]), T0);
      await store.messengerProfiles.set(page, new Map([['get_started', { payload: 'AGAIN' }]]), T0 + 1);

      expect(await store.messengerProfiles.read(page)).toEqual(
        new Map<string, unknown>([
          ['get_started', { payload: 'AGAIN' }],
          ['persistent_menu', menu],
        ]),
      );
      await store.messengerProfiles.remove(page, ['persistent_menu', 'greeting']);
      expect(await store.messengerProfiles.read(page)).toEqual(
        new Map([['get_started', { payload: 'AGAIN' }]]),
      );
      expect(await store.messengerProfiles.read(other)).toEqual(
        new Map([['get_started', { payload: 'OTHER' }]]),
      );
      expect(await store.messengerProfiles.read(newId.page())).toEqual(new Map());
    });

    it('rolls a property back with its transaction', async () => {
      const page = newId.page();
      await expect(
        store.transaction(async (tx) => {
          await tx.messengerProfiles.set(
            page,
            new Map([['greeting', [{ locale: 'default', text: 'Hi' }]]]),
            T0,
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.messengerProfiles.read(page)).toEqual(new Map());
    });

    it('keeps welcome message flows per account and app, updated and deleted by id', async () => {
      const page = newId.page();
      const flow = (id: string, appId: string, at: number) => ({
        id,
        account_id: page,
        app_id: appId,
        name: `Flow ${id} ✨`,
        eligible_platforms: '["messenger"]',
        flow: '[{"message":{"text":"Hi"}}]',
        created_at: at,
        updated_at: at,
      });
      await store.welcomeMessageFlows.insert(flow('2', 'app-a', T0 + 1));
      await store.welcomeMessageFlows.insert(flow('1', 'app-a', T0));
      await store.welcomeMessageFlows.insert(flow('3', 'app-b', T0));
      expect((await store.welcomeMessageFlows.list(page, 'app-a', 10)).map((f) => f.id)).toEqual(['1', '2']);
      expect(await store.welcomeMessageFlows.get(page, 'app-b', '1')).toBeUndefined();
      await store.welcomeMessageFlows.update('1', { name: 'Renamed', updated_at: T0 + 5 });
      expect(await store.welcomeMessageFlows.get(page, 'app-a', '1')).toMatchObject({
        name: 'Renamed',
        updated_at: T0 + 5,
        created_at: T0,
      });
      await store.welcomeMessageFlows.delete('1');
      expect((await store.welcomeMessageFlows.list(page, 'app-a', 1)).map((f) => f.id)).toEqual(['2']);
    });
  });
}
