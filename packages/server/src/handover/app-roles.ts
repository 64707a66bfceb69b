/**
 * Apps' roles on an account, as the app dashboard's conversation routing sets them: one primary receiver (an
 * app, or the account's inbox), and secondary receivers. The inbox is always a secondary receiver when it is
 * not the primary one: a thread can always be passed to the people of the business. Changing the roles sends
 * each app whose role changed an `app_roles` event, and gives every thread back to the primary receiver.
 */
import type { AppRole } from '@parley/protocol';
import { platformOf } from '../messaging/conversation-rules.ts';
import { inboxAppOf } from '../messaging/conversation-routing.ts';
import type { WebhookQueue } from '../core/webhook-queue.ts';
import type { AccountRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { appRoles } from '../webhooks/handover-events.ts';

export interface AccountRoles {
  /** None: routing is off. */
  readonly primary: string | null;
  /** The inbox among them, unless it is the primary receiver (and routing is on). */
  readonly secondary: readonly string[];
}

/** The roles of an account, the inbox's included. */
export async function rolesOf(store: Store, account: AccountRow): Promise<AccountRoles> {
  const rows = await store.routing.roles(account.id);
  const primary = rows.find((r) => r.role === 'primary_receiver')?.app_id ?? null;
  const secondary = rows.filter((r) => r.role === 'secondary_receiver').map((r) => r.app_id);
  const inbox = inboxAppOf(platformOf(account)).id;
  if (primary !== null && primary !== inbox && !secondary.includes(inbox)) secondary.push(inbox);
  return { primary, secondary };
}

/** An app's role on the account, if it has one. */
export function roleOf(roles: AccountRoles, appId: string): AppRole | undefined {
  if (roles.primary === appId) return 'primary_receiver';
  return roles.secondary.includes(appId) ? 'secondary_receiver' : undefined;
}

/** What the app dashboard sets: the primary receiver (none turns routing off) and the secondary receivers. */
export interface RolesChange {
  readonly primary: string | null;
  readonly secondary: readonly string[];
}

/**
 * Sets an account's roles (the caller checked that its apps exist, and that secondary receivers come with a
 * primary one). With `notify`, each app whose role changed hears its new one (`app_roles`, none when it lost it).
 */
export async function setRoles(
  tx: Store,
  account: AccountRow,
  change: RolesChange,
  at: number,
  notify?: WebhookQueue,
): Promise<void> {
  const inbox = inboxAppOf(platformOf(account)).id;
  const secondary = [...new Set(change.secondary)].filter((id) => id !== change.primary && id !== inbox);
  const before = await rolesOf(tx, account);
  const rows = [
    ...(change.primary === null ? [] : [{ app_id: change.primary, role: 'primary_receiver' as const }]),
    ...secondary.map((app_id) => ({ app_id, role: 'secondary_receiver' as const })),
  ];
  await tx.routing.setRoles(account.id, rows, at);
  await tx.routing.releaseAll(account.id);
  const after = await rolesOf(tx, account);
  if (notify) {
    const apps = new Set([before.primary, ...before.secondary, after.primary, ...after.secondary]);
    const events = [...apps]
      .filter((id): id is string => id !== null && id !== inbox && roleOf(before, id) !== roleOf(after, id))
      .map((id) => {
        const role = roleOf(after, id);
        return appRoles(account, id, role ? [role] : [], at);
      });
    await notify.emit(tx, events);
  }
}
