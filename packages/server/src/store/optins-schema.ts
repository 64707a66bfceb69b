/**
 * What people opted in to (`0004_marketing_optins`): marketing messages (a token per topic, Meta's recurring
 * notifications) and checkbox plugin opt-ins (a `user_ref` the business may message once).
 */
import type { Selectable } from 'kysely';

/** How often a marketing messages token may be messaged: once a day, week or month. */
export type NotificationFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** A person's opt-in to a business's marketing messages on one topic. */
export interface MarketingOptinsTable {
  /** The `notification_messages_token` the business sends to. */
  token: string;
  account_id: string;
  person_id: string;
  /** The topic: the opt-in request's title ('' when it had none). One token per topic. */
  title: string;
  payload: string | null;
  frequency: NotificationFrequency;
  /** The person's time zone (an IANA name), as webhooks report it. */
  timezone: string;
  created_at: number;
  expires_at: number;
  /** When the person last opted in again to the same topic (`user_token_status: REFRESHED`). */
  refreshed_at: number | null;
  /** When the person stopped these messages; null while they receive them. */
  stopped_at: number | null;
  /** When the business last sent to the token: the next may go one period later. */
  last_sent_at: number | null;
}

/** A checkbox plugin opt-in: the `user_ref` the website rendered the plugin with, for one person and Page. */
export interface CheckboxOptinsTable {
  account_id: string;
  user_ref: string;
  person_id: string;
  /** The plugin's pass-through `ref`. */
  ref: string | null;
  created_at: number;
  /** The one message the business sent to the user_ref. */
  message_id: string | null;
  /** When the person first answered that message (its webhook names the user_ref as `prior_message`). */
  replied_at: number | null;
}

export type MarketingOptinRow = Selectable<MarketingOptinsTable>;
export type CheckboxOptinRow = Selectable<CheckboxOptinsTable>;
