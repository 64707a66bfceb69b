/** The people of a Parley's world, as a test plays them: `parley.people.mina.says('hi')`. */
import type { MessagingEvent } from '@parley/protocol';
import type { SandboxCall } from './sandbox-call.ts';
import type { WaitOptions, WebhookLog } from './webhook-log.ts';

/** What a message a person sends answers (`POST /_parley/users/{id}/messages`). */
export interface SentMessage {
  readonly message_id: string;
  readonly conversation_id: string;
  /** The person's scoped id on the account (IGSID or PSID): the `sender.id` of the webhook. */
  readonly sender_id: string;
  readonly recipient_id: string;
  readonly timestamp: number;
}

/** A message as a person writes it: text, or the sandbox's full message body. */
export type Said =
  | string
  | {
      readonly text?: string;
      readonly attachments?: readonly { type: string; url: string }[];
      readonly reply_to?: string;
      readonly quick_reply?: { payload: string };
    };

/** A quick reply or a template button, as the bot sent it: tapping it sends its payload. */
export type Tappable =
  | { readonly content_type: string; readonly title?: string; readonly payload: string }
  | { readonly type?: string; readonly title: string; readonly payload: string };

/** Which business account an act is for: a seed key (`shop`, `page`) or an account id. */
export interface To {
  readonly to?: string;
}

export interface Person {
  readonly key: string;
  readonly id: string;
  /** Scoped ids by business account id, as the seed fixed them or as the person's first message made them. */
  readonly scopedIds: Readonly<Record<string, string>>;
  says(message: Said, options?: To): Promise<SentMessage>;
  reacts(messageId: string, reaction?: string): Promise<void>;
  unreacts(messageId: string): Promise<void>;
  reads(messageId: string): Promise<void>;
  taps(button: Tappable, options?: To): Promise<SentMessage>;
  /**
   * The next message a business sends this person after their last act, as its echo webhook shows it
   * (the app must be subscribed to message echoes, as createParley's `webhooks` option does by default).
   */
  waitForReply(options?: Pick<WaitOptions, 'timeout'>): Promise<NonNullable<MessagingEvent['message']>>;
}

export interface WorldAccounts {
  /** An account's id from its seed key or id. */
  resolve(keyOrId: string): string;
  /** The account a person writes to unless told: the first they have a scoped id on, else the first one. */
  defaultFor(scopedIds: Readonly<Record<string, string>>): string;
}

export function personHandle(
  key: string,
  id: string,
  seededScopedIds: Record<string, string>,
  accounts: WorldAccounts,
  call: SandboxCall,
  webhooks: WebhookLog,
): Person {
  const scopedIds: Record<string, string> = { ...seededScopedIds };
  /** When the person last acted (a reply is a business message after it). */
  let lastActed = 0;
  const to = (options?: To) => (options?.to ? accounts.resolve(options.to) : accounts.defaultFor(scopedIds));
  const send = async (body: object, options?: To, path = 'messages') => {
    const account = to(options);
    const sent = await call<SentMessage>('POST', `/users/${id}/${path}`, { to: account, ...body });
    scopedIds[account] = sent.sender_id;
    lastActed = sent.timestamp;
    return sent;
  };
  return {
    key,
    id,
    scopedIds,
    says: (message, options) => send(typeof message === 'string' ? { text: message } : message, options),
    reacts: async (messageId, reaction = 'love') => {
      await call('POST', `/users/${id}/reactions`, { message_id: messageId, reaction });
    },
    unreacts: async (messageId) => {
      await call('POST', `/users/${id}/reactions`, { message_id: messageId, action: 'unreact' });
    },
    reads: async (messageId) => {
      await call('POST', `/users/${id}/seen`, { message_id: messageId });
    },
    taps: (button, options) =>
      'content_type' in button
        ? send({ text: button.title ?? button.payload, quick_reply: { payload: button.payload } }, options)
        : send({ title: button.title, payload: button.payload }, options, 'postbacks'),
    waitForReply: async (options) => {
      const mine = new Set(Object.values(scopedIds));
      const echo = await webhooks.waitFor(
        (d) =>
          d.event.message?.is_echo === true &&
          mine.has(d.event.recipient.id) &&
          d.event.timestamp >= lastActed,
        { status: 'any', ...options },
      );
      return echo.event.message!;
    },
  };
}
