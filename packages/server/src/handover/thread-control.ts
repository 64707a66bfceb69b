/**
 * Thread control (the handover protocol, spec §13.5): an app passes a thread to another app or the inbox, the
 * primary receiver takes it back, a secondary receiver asks the primary receiver for it, the app in control
 * lets it go back to the primary receiver. Each act is one transaction, its webhooks in it; the Graph API's
 * calls (thread-control-actions.ts) and the inbox's acts in the sandbox both run them.
 */
import { GraphError } from '@parley/protocol';
import type { WebhookQueue } from '../core/webhook-queue.ts';
import { CONTROL_LASTS_MS, ownerOf, threadControl } from '../messaging/conversation-routing.ts';
import { ensureConversation } from '../messaging/record-message.ts';
import type { AccountRow, Platform } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { controlChanged, requestThreadControl } from '../webhooks/handover-events.ts';
import { threadOf } from '../webhooks/messaging-events.ts';
import { roleOf, rolesOf, type AccountRoles } from './app-roles.ts';

export type ControlAction = 'pass' | 'take' | 'request' | 'release';

/** What Meta's refusal calls each act (`(#27) Pass thread control is not supported …`). */
const ACTION_NAMES: Record<ControlAction, string> = {
  pass: 'Pass thread control',
  take: 'Take thread control',
  request: 'Request thread control',
  release: 'Release thread control',
};

export interface ControlAct {
  readonly action: ControlAction;
  readonly account: AccountRow;
  readonly platform: Platform;
  readonly personId: string;
  /** The app acting (an app's id, or the inbox's). */
  readonly appId: string;
  readonly metadata?: string;
  /** For `pass`: the app (or inbox) the thread goes to. */
  readonly target?: string;
}

export interface ControlParts {
  readonly store: Store;
  readonly webhooks: WebhookQueue;
  readonly now: () => number;
}

/** The act's caller is not in control of the thread it would pass or release. */
function notInControl(platform: Platform): GraphError {
  return platform === 'instagram'
    ? new GraphError('notThreadOwner')
    : new GraphError('applicationLacksPermission');
}

/** Refuses an act the caller's role does not allow. */
function check(act: ControlAct, roles: AccountRoles, owner: string | null) {
  if (roles.primary === null) throw new GraphError('routingNotEnabled', { action: ACTION_NAMES[act.action] });
  const role = roleOf(roles, act.appId);
  if (role === undefined) throw new GraphError('applicationLacksPermission');
  switch (act.action) {
    case 'take':
      if (role !== 'primary_receiver') throw new GraphError('applicationLacksPermission');
      return;
    case 'request':
      if (role === 'primary_receiver') throw new GraphError('applicationLacksPermission');
      return;
    case 'release':
      if (owner !== act.appId) throw notInControl(act.platform);
      return;
    case 'pass':
      if (owner !== act.appId) throw notInControl(act.platform);
      if (act.target === undefined) throw new GraphError('parameterRequired', { name: 'target_app_id' });
      // The account's inbox has a role too (rolesOf), another platform's has none.
      if (act.target === act.appId || roleOf(roles, act.target) === undefined) {
        throw new GraphError('invalidParameter', {
          detail: 'Param target_app_id must be an app with a role on this account, or its inbox',
        });
      }
  }
}

/** Runs a thread control act; answers `{success: true}`, as Meta does. */
export async function controlThread(act: ControlAct, parts: ControlParts): Promise<{ success: true }> {
  const { store, webhooks } = parts;
  await store.transaction(async (tx) => {
    const at = parts.now();
    const conversation = await ensureConversation(tx, act.account, act.personId, at);
    // Concurrent acts on one thread take turns (PostgreSQL keeps the row locked to the end).
    await tx.conversations.lock(conversation.id);
    const roles = await rolesOf(tx, act.account);
    const owner = ownerOf(await threadControl(tx, act.account, conversation.seq, at));
    check(act, roles, owner);
    const thread = threadOf(act.account, conversation);
    switch (act.action) {
      case 'pass':
      case 'take': {
        const next = act.action === 'pass' ? act.target! : act.appId;
        // Taking a thread one holds changes nothing.
        if (next === owner) return;
        if (next === roles.primary) await tx.routing.release(conversation.seq);
        else {
          await tx.routing.hold({
            conversation_seq: conversation.seq,
            account_id: act.account.id,
            app_id: next,
            since: at,
            expires_at: at + CONTROL_LASTS_MS,
          });
        }
        const kind = act.action === 'pass' ? 'pass_thread_control' : 'take_thread_control';
        const change = { previous: owner, next, metadata: act.metadata };
        return webhooks.emit(tx, [controlChanged(kind, thread, change, at)]);
      }
      case 'request': {
        if (owner === act.appId) return;
        const request = { by: act.appId, primary: roles.primary!, metadata: act.metadata };
        return webhooks.emit(tx, [requestThreadControl(thread, request, at)]);
      }
      case 'release':
        // Meta sends no webhook when an app lets a thread go.
        if (owner !== roles.primary) await tx.routing.release(conversation.seq);
    }
  });
  return { success: true };
}
