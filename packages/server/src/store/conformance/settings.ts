/** Settings: small named values. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import type { StoreSuite } from './rows.ts';
export function settingsSuite(suite: StoreSuite): void {
  describe('settings', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });
    it('upserts settings', async () => {
      await store.settings.set('k', '1');
      await store.settings.set('k', '2');
      expect(await store.settings.get('k')).toBe('2');
      expect(await store.settings.get('missing')).toBeUndefined();
    });
  });
}
