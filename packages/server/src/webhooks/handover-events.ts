/**
 * The handover protocol's `messaging_handovers` events, in Meta's bytes (its messaging_handovers reference):
 * control passed, taken and requested in a thread, `{sender, recipient, timestamp, <kind>: {…}}`, and an app's
 * role on the account changed, `{recipient, timestamp, app_roles: {"<app-id>": ["<role>"]}}`. App ids are
 * strings, as Meta's reference prints them; `metadata` is there when the call gave one.
 */
import type { AppRole } from '@parley/protocol';
import type { WebhookEvent } from '../core/webhook-queue.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import type { AccountRow } from '../store/schema.ts';
import { event, type Thread } from './messaging-events.ts';

export interface ControlChange {
  readonly previous: string | null;
  readonly next: string;
  readonly metadata?: string;
}

const withMetadata = (metadata: string | undefined) => (metadata === undefined ? {} : { metadata });

/**
 * Control of a thread passed to an app (`pass_thread_control`), or taken by the primary receiver
 * (`take_thread_control`).
 */
export function controlChanged(
  kind: 'pass_thread_control' | 'take_thread_control',
  thread: Thread,
  change: ControlChange,
  time: number,
): WebhookEvent {
  return event(kind, thread, time, false, {
    [kind]: {
      previous_owner_app_id: change.previous,
      new_owner_app_id: change.next,
      ...withMetadata(change.metadata),
    },
  });
}

/** A secondary receiver asks for the thread: for the primary receiver alone. */
export function requestThreadControl(
  thread: Thread,
  request: { readonly by: string; readonly primary: string; readonly metadata?: string },
  time: number,
): WebhookEvent {
  const item = { requested_owner_app_id: request.by, ...withMetadata(request.metadata) };
  // Assigned, not spread: the event's JSON is made only if an app hears it.
  return Object.assign(
    event('request_thread_control', thread, time, false, { request_thread_control: item }),
    {
      app: request.primary,
    },
  );
}

/** An app's roles on the account (none when it lost its role), for that app alone. */
export function appRoles(
  account: AccountRow,
  appId: string,
  roles: readonly AppRole[],
  time: number,
): WebhookEvent {
  const thread: Thread = { account, platform: platformOf(account), conversationSeq: 0, scopedId: undefined };
  return Object.assign(event('app_roles', thread, time, false, { app_roles: { [appId]: roles } }), {
    app: appId,
  });
}
