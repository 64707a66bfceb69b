/** The sandbox schema (@parley/sandbox) names what the server's own tables name, in the same order. */
import {
  type DELIVERY_STATUSES,
  INSTAGRAM_FOLDERS,
  MESSENGER_FOLDERS,
  NOTIFICATION_FREQUENCIES,
  RATE_LIMIT_NAMES,
} from '@parley/sandbox';
import { expect, it } from 'vitest';
import {
  INSTAGRAM_FOLDERS as SERVER_INSTAGRAM_FOLDERS,
  MESSENGER_FOLDERS as SERVER_MESSENGER_FOLDERS,
} from '../messaging/conversation-rules.ts';
import { RATE_CATEGORIES } from '../rate-limits/rate-limit-rules.ts';
import { NOTIFICATION_FREQUENCIES as SERVER_FREQUENCIES } from '../send/limits.ts';
import type { ShownDeliveryStatus } from '../store/schema.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

it('has the rate limits, folders and notification frequencies of the server', () => {
  expect([...NOTIFICATION_FREQUENCIES]).toEqual(Object.keys(SERVER_FREQUENCIES));
  expect([...RATE_LIMIT_NAMES]).toEqual(RATE_CATEGORIES);
  expect([...INSTAGRAM_FOLDERS]).toEqual([...SERVER_INSTAGRAM_FOLDERS]);
  expect([...MESSENGER_FOLDERS]).toEqual([...SERVER_MESSENGER_FOLDERS]);
  // The delivery statuses, both ways, by type.
  const same: Same<ShownDeliveryStatus, (typeof DELIVERY_STATUSES)[number]> = true;
  expect(same).toBe(true);
});
