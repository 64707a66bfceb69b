/**
 * Conversation routing in a test: an account's receivers set as the app dashboard sets them, and the
 * business's inbox (the Page's, or the Instagram account's) passing, taking and asking for conversations.
 */
import type { ResultOf, SandboxClient } from '@parley/sandbox';

/** An account's receivers, and its inbox app. */
export type ParleyRouting = ResultOf<'conversationRouting'>;
/** Who controls a conversation, and what the inbox may do with it. */
export type ParleyThreadControl = ResultOf<'threadControl'>;

export interface RoutingHandles {
  /**
   * Sets an account's (seed key or id) receivers: `primary` (an app's id, or the inbox's) and `secondary` apps;
   * `null` turns routing off. Each app whose role changed hears an `app_roles` webhook.
   */
  set(
    account: string,
    receivers: { readonly primary: string; readonly secondary?: readonly string[] } | null,
  ): Promise<ParleyRouting>;
  get(account: string): Promise<ParleyRouting>;
}

export interface InboxHandles {
  /** Who controls a conversation, and what the inbox may do with it. */
  control(conversationId: string): Promise<ParleyThreadControl>;
  /** "Move to done": the inbox passes the conversation back to the primary receiver (or to `target`). */
  pass(
    conversationId: string,
    options?: { readonly target?: string; readonly metadata?: string },
  ): Promise<ParleyThreadControl>;
  /** The inbox takes the conversation (when it is the primary receiver). */
  take(conversationId: string, options?: { readonly metadata?: string }): Promise<ParleyThreadControl>;
  /** The inbox asks the primary receiver for the conversation (`request_thread_control`). */
  request(conversationId: string, options?: { readonly metadata?: string }): Promise<ParleyThreadControl>;
  /** The inbox lets the conversation go back to the primary receiver, with no webhook. */
  release(conversationId: string): Promise<ParleyThreadControl>;
}

export function routingHandles(sandbox: SandboxClient, resolve: (account: string) => string): RoutingHandles {
  return {
    set: (account, receivers) =>
      sandbox.setConversationRouting(resolve(account), {
        primary_receiver: receivers?.primary ?? null,
        secondary_receivers: [...(receivers?.secondary ?? [])],
      }),
    get: (account) => sandbox.conversationRouting(resolve(account)),
  };
}

export function inboxHandles(sandbox: SandboxClient): InboxHandles {
  return {
    control: (id) => sandbox.threadControl(id),
    pass: (id, options = {}) =>
      sandbox.inboxThreadControl(id, {
        action: 'pass',
        ...(options.target !== undefined && { target_app_id: options.target }),
        ...(options.metadata !== undefined && { metadata: options.metadata }),
      }),
    take: (id, options = {}) => sandbox.inboxThreadControl(id, { action: 'take', ...options }),
    request: (id, options = {}) => sandbox.inboxThreadControl(id, { action: 'request', ...options }),
    release: (id) => sandbox.inboxThreadControl(id, { action: 'release' }),
  };
}
