/**
 * Who a send goes to: `recipient: {id}` names a person by the scoped id the business knows them by (IGSID or
 * PSID); `{comment_id}` and `{post_id}` name a comment or a person's post for a private reply
 * (private-reply.ts); `{notification_messages_token}` and `{user_ref}` name a person by an opt-in
 * (notification-recipient.ts, user-ref-recipient.ts). Unknown ids answer 2534014 (Instagram) or 2018001
 * (Messenger).
 */
import { GraphError } from '@parley/protocol';
import { platformOf } from '../messaging/conversation-rules.ts';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, Platform } from '../store/schema.ts';
import type { Json } from '../core/params.ts';
import { resolveNotificationToken, type NotificationRecipient } from './notification-recipient.ts';
import { resolvePrivateReply, type PrivateReplyRecipient } from './private-reply.ts';
import { resolveUserRef, type UserRefRecipient } from './user-ref-recipient.ts';

export type Recipient =
  | {
      readonly kind: 'person';
      readonly account: AccountRow;
      readonly platform: Platform;
      readonly personId: string;
      readonly scopedId: string;
    }
  | PrivateReplyRecipient
  | NotificationRecipient
  | UserRefRecipient;

/** The accounts a send through `sender` can reach: itself, and for a Page its linked Instagram account. */
function accountsSendingAs(sender: AccountRow, ctx: GraphContext): AccountRow[] {
  return ctx.auth.accounts.filter(
    (a) => a.id === sender.id || (sender.type === 'page' && a.id === sender.instagram_account_id),
  );
}

function noMatch(sender: AccountRow): GraphError {
  return new GraphError(sender.type === 'instagram' ? 'noMatchingInstagramUser' : 'noMatchingUser');
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function resolveRecipient(
  sender: AccountRow,
  recipient: Json | undefined,
  ctx: GraphContext,
): Promise<Recipient> {
  if (!recipient) throw new GraphError('parameterRequired', { name: 'recipient' });
  const reachable = accountsSendingAs(sender, ctx);

  const commentId = idOf(recipient.comment_id);
  if (commentId !== undefined) return resolvePrivateReply({ commentId }, sender, reachable, ctx);
  const postId = idOf(recipient.post_id);
  if (postId !== undefined) return resolvePrivateReply({ postId }, sender, reachable, ctx);

  const token = idOf(recipient.notification_messages_token);
  if (token !== undefined) return resolveNotificationToken(token, reachable, ctx);
  const userRef = idOf(recipient.user_ref);
  if (userRef !== undefined) return resolveUserRef(userRef, sender, ctx);

  const id = idOf(recipient.id);
  if (id === undefined) {
    if (recipient.phone_number !== undefined) throw noMatch(sender);
    throw new GraphError('parameterRequired', { name: 'recipient[id]' });
  }
  const scoped = /^\d{1,20}$/.test(id) ? await ctx.store.people.getScopedId(id) : undefined;
  const account = scoped && reachable.find((a) => a.id === scoped.account_id);
  if (!scoped || !account) throw noMatch(sender);
  if (scoped.blocked_at !== null) throw new GraphError('personUnavailable');
  return {
    kind: 'person',
    account,
    platform: platformOf(account),
    personId: scoped.person_id,
    scopedId: scoped.scoped_id,
  };
}
