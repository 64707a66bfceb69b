/** Opt-ins: a token per topic whose sends take turns, and user_refs messaged once and answered once. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { T0, type StoreSuite } from './rows.ts';

const DAY = 24 * 3600 * 1000;

export function optinsSuite(suite: StoreSuite): void {
  describe('opt-ins', () => {
    let store: Store;
    beforeEach(() => {
      store = suite.store;
    });

    it('keeps one token per topic, and lets one send through per period', async () => {
      const row = {
        token: '4000000000000000001',
        account_id: 'page_a',
        person_id: 'person_a',
        title: 'Weekly deals',
        payload: 'DEALS',
        frequency: 'DAILY' as const,
        timezone: 'Europe/Paris',
        created_at: T0,
        expires_at: T0 + 180 * DAY,
        refreshed_at: null,
        stopped_at: null,
        last_sent_at: null,
      };
      await store.optins.insertMarketing(row);
      await expect(store.optins.insertMarketing({ ...row, token: '4000000000000000002' })).rejects.toThrow();
      expect(await store.optins.marketingTopic('page_a', 'person_a', 'Weekly deals')).toEqual(row);
      expect(await store.optins.marketingTopic('page_a', 'person_a', 'Other')).toBeUndefined();

      expect(await store.optins.claimMarketingSend(row.token, T0 + 1, T0 + 1 - DAY)).toBe(true);
      expect(await store.optins.claimMarketingSend(row.token, T0 + 2, T0 + 2 - DAY)).toBe(false);
      expect(await store.optins.claimMarketingSend(row.token, T0 + 1 + DAY, T0 + 1)).toBe(true);
      await store.optins.updateMarketing(row.token, { stopped_at: T0 + 5 });
      expect(await store.optins.getMarketing(row.token)).toMatchObject({
        last_sent_at: T0 + 1 + DAY,
        stopped_at: T0 + 5,
      });
      expect((await store.optins.marketingOfPerson('person_a')).map((r) => r.token)).toEqual([row.token]);
    });

    it('lets a user_ref be messaged once, and names it in the first answer only', async () => {
      const row = {
        account_id: 'page_b',
        user_ref: 'cart-77',
        person_id: 'person_b',
        ref: null,
        created_at: T0,
        message_id: null,
        replied_at: null,
      };
      await store.optins.insertCheckbox(row);
      await expect(store.optins.insertCheckbox(row)).rejects.toThrow();
      expect(await store.optins.takeUnanswered('page_b', 'person_b', T0 + 1)).toBeUndefined();
      expect(await store.optins.claimCheckboxSend('page_b', 'cart-77', 'm_one')).toBe(true);
      expect(await store.optins.claimCheckboxSend('page_b', 'cart-77', 'm_two')).toBe(false);
      expect(await store.optins.takeUnanswered('page_b', 'person_b', T0 + 2)).toBe('cart-77');
      expect(await store.optins.takeUnanswered('page_b', 'person_b', T0 + 3)).toBeUndefined();
      expect(await store.optins.checkboxOfPerson('person_b')).toEqual([
        { ...row, message_id: 'm_one', replied_at: T0 + 2 },
      ]);
      expect(await store.optins.getCheckbox('page_b', 'cart-77')).toMatchObject({ message_id: 'm_one' });
      expect(await store.optins.getCheckbox('page_a', 'cart-77')).toBeUndefined();
    });
  });
}
