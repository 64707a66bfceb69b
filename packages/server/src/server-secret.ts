/** The secret that signs paging cursors: made on first start, kept in the store, kept across resets. */
import { randomBytes } from 'node:crypto';
import type { Store } from './store/store.ts';

export const SERVER_SECRET_KEY = 'server_secret';

export async function serverSecret(store: Store): Promise<Buffer> {
  const saved = await store.getSetting(SERVER_SECRET_KEY);
  if (saved) return Buffer.from(saved, 'base64');
  await store.setSetting(SERVER_SECRET_KEY, randomBytes(32).toString('base64'));
  // Another process may have written first; everyone uses what the store holds.
  return Buffer.from((await store.getSetting(SERVER_SECRET_KEY))!, 'base64');
}
