/** The Messenger Profile API's properties: set one at a time, kept apart per account, removed by name. */
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
  });
}
