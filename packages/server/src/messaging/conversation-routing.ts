/**
 * Conversation routing's rules (Meta's handover protocol): an account that gives apps roles has a primary
 * receiver, which controls every thread no other app holds; control passed to another app returns to it after
 * a while. Only the app in control may send in a thread. Meta's inbox apps hold threads as any app does.
 */
import { GraphError, INSTAGRAM_INBOX_APP_ID, PAGE_INBOX_APP_ID } from '@parley/protocol';
import type { ThreadControl } from '../store/repositories/conversation-routing.ts';
import type { AccountRow, Platform } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

export type { ThreadControl } from '../store/repositories/conversation-routing.ts';

/** How long control given to an app other than the primary receiver lasts. */
export const CONTROL_LASTS_MS = 24 * 60 * 60 * 1000;

/** The inbox app of an account: its human staff, in Meta Business Suite or the Instagram app. */
export function inboxAppOf(platform: Platform): { readonly id: string; readonly name: string } {
  return platform === 'instagram'
    ? { id: INSTAGRAM_INBOX_APP_ID, name: 'Instagram Inbox' }
    : { id: PAGE_INBOX_APP_ID, name: 'Page Inbox' };
}

/** The app in control of the thread: its holder, else the primary receiver (null when routing is off). */
export const ownerOf = (control: ThreadControl): string | null => control.holder ?? control.primary;

/** Who controls a thread at `now` (a conversation's row, or 0 for none yet: the primary receiver). */
export function threadControl(store: Store, account: AccountRow, conversationSeq: number, now: number) {
  return store.routing.control(account.id, conversationSeq, now);
}

/** Whether an app may send in the thread: routing is off (no primary receiver), or the app controls it. */
export const mayAct = (control: ThreadControl, appId: string) =>
  control.primary === null || ownerOf(control) === appId;

/** Sends by an app that does not control the thread fail: Messenger's 2018300, Instagram's 2534037. */
export async function requireThreadControl(
  store: Store,
  account: AccountRow,
  platform: Platform,
  conversationSeq: number,
  appId: string,
  now: number,
): Promise<void> {
  if (mayAct(await threadControl(store, account, conversationSeq, now), appId)) return;
  throw new GraphError(platform === 'instagram' ? 'notThreadOwner' : 'threadControlledByAnotherApp');
}
