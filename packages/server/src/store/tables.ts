/** What a reset works from: every table the schema owns, and the message rows handed out so far. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The highest message row stored, 0 for none. */
export async function lastMessageRow(db: Kysely<Database>): Promise<number> {
  const { last } = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
    .executeTakeFirstOrThrow();
  return Number(last);
}

/** The last message row handed out before a reset (kept by it): SQLite would otherwise count from 1 again. */
export const MESSAGE_ROWS_USED_KEY = 'message_rows_used';

/** Every table the schema owns, children first: what a reset empties. */
export const TABLES = [
  'webhook_attempt_ranges',
  'webhook_attempts',
  'webhook_streams',
  'webhook_deliveries',
  'webhook_events',
  'account_subscriptions',
  'webhook_subscriptions',
  'checkbox_optins',
  'marketing_optins',
  'personas',
  'thread_owners',
  'app_roles',
  'welcome_message_flows',
  'messenger_profile_properties',
  'comments',
  'media_posts',
  'products',
  'media_assets',
  'reactions',
  'messages',
  'conversations',
  'login_approvals',
  'oauth_codes',
  'grants',
  'roles',
  'tokens',
  'scoped_ids',
  'follows',
  'people',
  'accounts',
  'apps',
  'settings',
] as const;
