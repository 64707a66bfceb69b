/**
 * `recipient: {user_ref}`: the checkbox plugin's opt-in. A Page may send the person one message to the
 * user_ref the website rendered the plugin with, within the messaging window the opt-in opened; the answer
 * names no recipient, and no echo, delivery or read webhooks follow (Meta's since 2018). The person's PSID
 * appears when they answer.
 */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, CheckboxOptinRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { requireWindow } from './messaging-window.ts';
import { availablePerson } from './scoped-person.ts';

export interface UserRefRecipient {
  readonly kind: 'user_ref';
  readonly account: AccountRow;
  readonly platform: 'messenger';
  readonly personId: string;
  readonly optin: CheckboxOptinRow;
}

export async function resolveUserRef(
  userRef: string,
  sender: AccountRow,
  ctx: GraphContext,
): Promise<UserRefRecipient> {
  if (sender.type !== 'page') throw new GraphError('noMatchingInstagramUser');
  const optin = await ctx.store.optins.getCheckbox(sender.id, userRef);
  // A user_ref already messaged names nobody the Page may write to: the person's PSID does, once they answer.
  if (!optin || optin.message_id !== null) throw new GraphError('noMatchingUser');
  await availablePerson(sender.id, optin.person_id, ctx.store);
  return { kind: 'user_ref', account: sender, platform: 'messenger', personId: optin.person_id, optin };
}

/** The opt-in opened the messaging window: the one message must go within it. */
export function requireUserRefWindow(optin: CheckboxOptinRow, ctx: GraphContext): void {
  requireWindow(optin.created_at, ctx.now, ctx.config.replyWindowMs, 'messenger');
}

/** Records the message as the user_ref's one, in its transaction: two sends at once cannot both be it. */
export async function claimUserRef(tx: Store, optin: CheckboxOptinRow, messageId: string): Promise<void> {
  if (!(await tx.optins.claimCheckboxSend(optin.account_id, optin.user_ref, messageId)))
    throw new GraphError('noMatchingUser');
}
