/**
 * The server's secret (it keys paging cursors, message ids and media URLs): made on first open, kept in the
 * store, kept across resets.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export const SERVER_SECRET_KEY = 'server_secret';

export async function loadServerSecret(db: Kysely<Database>): Promise<Buffer> {
  const read = () =>
    db.selectFrom('settings').select('value').where('key', '=', SERVER_SECRET_KEY).executeTakeFirst();
  const saved = await read();
  if (saved) return Buffer.from(saved.value, 'base64');
  // Another process may be writing it too: the first one written is everyone's.
  await db
    .insertInto('settings')
    .values({ key: SERVER_SECRET_KEY, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return Buffer.from((await read())!.value, 'base64');
}
