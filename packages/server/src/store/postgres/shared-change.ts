/**
 * The changes several Parley processes on one PostgreSQL database announce to each other (change-feed.ts
 * listens for them). Announcing needs no connection of its own, so this holds no PostgreSQL driver.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type SharedChange = 'clock' | 'tokens' | 'reset';

export const SHARED_CHANGES: readonly string[] = ['clock', 'tokens', 'reset'] satisfies SharedChange[];
export const CHANNEL = 'parley_changes';

/** `origin` names the announcing store, which has already applied its change. */
export async function announceChange(
  db: Kysely<Database>,
  change: SharedChange,
  origin: string,
): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, current_schema() || ${`:${change}:${origin}`})`.execute(db);
}
