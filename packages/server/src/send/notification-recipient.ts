/**
 * `recipient: {notification_messages_token}`: marketing messages (Meta's recurring notifications). The token
 * stands for a person's opt-in to one topic of one business account; it reaches them outside the messaging
 * window, once per period of its frequency, until it expires or the person stops these messages.
 */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../core/context.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import type { AccountRow, MarketingOptinRow, Platform } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { NOTIFICATION_FREQUENCIES } from './limits.ts';
import { availablePerson } from './scoped-person.ts';

export interface NotificationRecipient {
  readonly kind: 'notification_token';
  readonly account: AccountRow;
  readonly platform: Platform;
  readonly personId: string;
  readonly scopedId: string;
  readonly optin: MarketingOptinRow;
}

export async function resolveNotificationToken(
  token: string,
  reachable: readonly AccountRow[],
  ctx: GraphContext,
): Promise<NotificationRecipient> {
  const optin = /^\d{1,30}$/.test(token) ? await ctx.store.optins.getMarketing(token) : undefined;
  const account = optin && reachable.find((a) => a.id === optin.account_id);
  if (!optin || !account) throw new GraphError('notificationTokenInvalid');
  // The opt-in made the person known to the account.
  const scopedId = (await availablePerson(account.id, optin.person_id, ctx.store))!;
  return {
    kind: 'notification_token',
    account,
    platform: platformOf(account),
    personId: optin.person_id,
    scopedId,
    optin,
  };
}

const periodOf = (optin: MarketingOptinRow) => NOTIFICATION_FREQUENCIES[optin.frequency].periodMs;

/** Whether the token may be messaged now: not expired, not stopped, and its period's message not yet sent. */
export function requireNotificationTurn(optin: MarketingOptinRow, now: number): void {
  if (optin.expires_at <= now) throw new GraphError('notificationTokenExpired');
  if (optin.stopped_at !== null) throw new GraphError('notificationsStopped');
  if (optin.last_sent_at !== null && now - optin.last_sent_at < periodOf(optin))
    throw new GraphError('notificationTooSoon');
}

/** Takes the period's message for this send, in its transaction: two sends at once cannot both have it. */
export async function claimNotificationTurn(tx: Store, optin: MarketingOptinRow, at: number): Promise<void> {
  if (!(await tx.optins.claimMarketingSend(optin.token, at, at - periodOf(optin))))
    throw new GraphError('notificationTooSoon');
}
