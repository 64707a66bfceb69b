/**
 * An account's receivers as the app dashboard's conversation routing saves them (the routes' and seeds' one
 * way): every app named must exist (the account's inbox aside), and secondary receivers need a primary one.
 */
import { GraphError } from '@parley/protocol';
import type { WebhookQueue } from '../core/webhook-queue.ts';
import { setRoles, type RolesChange } from '../handover/app-roles.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import { inboxAppOf } from '../messaging/conversation-routing.ts';
import type { AccountRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { notFound } from './world.ts';

export async function setReceivers(
  tx: Store,
  account: AccountRow,
  change: RolesChange,
  at: number,
  notify?: WebhookQueue,
): Promise<void> {
  const inbox = inboxAppOf(platformOf(account)).id;
  for (const id of [change.primary, ...change.secondary]) {
    if (id !== null && id !== inbox && !(await tx.apps.get(id))) throw notFound('app', id);
  }
  if (change.primary === null && change.secondary.some((id) => id !== inbox)) {
    throw new GraphError('sandboxInvalidRequest', {
      detail: 'secondary_receivers: an account with secondary receivers needs a primary receiver',
    });
  }
  await setRoles(tx, account, change, at, notify);
}
