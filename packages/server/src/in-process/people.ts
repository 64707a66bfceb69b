/** The people of a Parley's world, as a test plays them: `parley.people.mina.says('hi')`. */
import type { MessagingEvent } from '@parley/protocol';
import type { BodyOf, ResultOf, SandboxClient } from '@parley/sandbox';
import type { WaitOptions, WebhookLog } from './webhook-log.ts';

/**
 * What a message a person sends answers (`POST /_parley/users/{id}/messages`); its `sender_id` is the
 * person's scoped id on the account (IGSID or PSID), the `sender.id` of the webhook.
 */
export type SentMessage = ResultOf<'sendMessage'>;

/** A comment a person wrote (`POST /_parley/users/{id}/comments`); `sender_id` is their scoped id on the account. */
export type PersonComment = ResultOf<'comment'>;

/** A message as a person writes it: text, or the sandbox's message body (attachments, reply_to …). */
export type Said = string | Omit<BodyOf<'sendMessage'>, 'to'>;

/** A quick reply or a template button, as the bot sent it: tapping it sends its payload. */
export type Tappable =
  | { readonly content_type: string; readonly title?: string; readonly payload: string }
  | { readonly type?: string; readonly title: string; readonly payload: string };

/** Which business account an act is for: a seed key (`shop`, `page`) or an account id. */
export interface To {
  readonly to?: string;
}

/** An opt-in to a business's marketing messages: the request's topic (`title`), payload, frequency. */
export type MarketingOptin = To & Omit<BodyOf<'optin'>, 'to' | 'type' | 'ref'>;
/** What opting in answers: the `notification_messages_token` the business sends to, and when it expires. */
export type OptedIn = ResultOf<'optin'> & { readonly notification_messages_token: string };

/** A link the person came by (an m.me / ig.me link's `ref`): the postback carries it as its `referral`. */
export interface CameBy extends To {
  readonly ref?: string;
  readonly source?: string;
}

/** A persistent menu item tapped: a postback item's message, or the page a URL item opens. */
export type MenuTapped = ResultOf<'tapMenu'>;

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
  /** Opts in to the business's marketing messages on a topic (as tapping its opt-in request does). */
  optsInToMarketing(options?: MarketingOptin): Promise<OptedIn>;
  /** Taps "Stop these messages" for a token's topic (or resumes them): sends to it answer 1893015 meanwhile. */
  stopsMarketing(token: string): Promise<void>;
  resumesMarketing(token: string): Promise<void>;
  /** Ticks a Page's checkbox plugin on a website: the Page hears the `user_ref` and may message it once. */
  ticksCheckbox(options?: To & Omit<BodyOf<'checkboxOptin'>, 'to'>): Promise<ResultOf<'checkboxOptin'>>;
  /** Comments on a post, or replies to a comment (`replyTo`); the business's private reply counts as a reply. */
  comments(mediaId: string, text: string, options?: { readonly replyTo?: string }): Promise<PersonComment>;
  /** Taps the Get Started button of a Page's welcome screen (shown until their first message). */
  tapsGetStarted(options?: CameBy): Promise<SentMessage>;
  /** Taps one of the ice breakers they see, by its question. */
  tapsIceBreaker(question: string, options?: CameBy): Promise<SentMessage>;
  /** Opens the persistent menu and taps the item with this title. */
  tapsMenuItem(title: string, options?: To): Promise<MenuTapped>;
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
  sandbox: SandboxClient,
  webhooks: WebhookLog,
): Person {
  const scopedIds: Record<string, string> = { ...seededScopedIds };
  /** When the person last acted (a reply is a business message after it). */
  let lastActed = 0;
  const to = (options?: To) => (options?.to ? accounts.resolve(options.to) : accounts.defaultFor(scopedIds));
  const acted = (sent: SentMessage, account: string) => {
    scopedIds[account] = sent.sender_id;
    lastActed = sent.timestamp;
    return sent;
  };
  const say = async (body: Omit<BodyOf<'sendMessage'>, 'to'>, options?: To) => {
    const account = to(options);
    return acted(await sandbox.sendMessage(id, { to: account, ...body }), account);
  };
  const postback = async (title: string, payload: string, options?: To) => {
    const account = to(options);
    return acted(await sandbox.postback(id, { to: account, title, payload }), account);
  };
  const link = (options?: CameBy) => ({
    ...(options?.ref !== undefined && { ref: options.ref }),
    ...(options?.source !== undefined && { source: options.source }),
  });
  return {
    key,
    id,
    scopedIds,
    says: (message, options) => say(typeof message === 'string' ? { text: message } : message, options),
    reacts: async (messageId, reaction = 'love') => {
      await sandbox.react(id, { message_id: messageId, reaction });
    },
    unreacts: async (messageId) => {
      await sandbox.react(id, { message_id: messageId, action: 'unreact' });
    },
    reads: async (messageId) => {
      await sandbox.markSeen(id, { message_id: messageId });
    },
    taps: (button, options) =>
      'content_type' in button
        ? say({ text: button.title ?? button.payload, quick_reply: { payload: button.payload } }, options)
        : postback(button.title, button.payload, options),
    optsInToMarketing: async ({ to: account, ...optin } = {}) => {
      const target = to({ to: account });
      const opted = await sandbox.optin(id, { to: target, type: 'notification_messages', ...optin });
      scopedIds[target] = opted.sender_id;
      return opted as OptedIn;
    },
    stopsMarketing: async (token) => {
      await sandbox.stopNotifications(id, token);
    },
    resumesMarketing: async (token) => {
      await sandbox.resumeNotifications(id, token);
    },
    ticksCheckbox: ({ to: account, ...optin } = {}) =>
      sandbox.checkboxOptin(id, { to: to({ to: account }), ...optin }),
    comments: async (mediaId, text, options) => {
      const comment = await sandbox.comment(id, {
        media_id: mediaId,
        text,
        ...(options?.replyTo !== undefined && { parent_id: options.replyTo }),
      });
      scopedIds[comment.account_id] = comment.sender_id;
      lastActed = comment.timestamp;
      return comment;
    },
    tapsGetStarted: async (options) => {
      const account = to(options);
      return acted(await sandbox.getStarted(id, { to: account, ...link(options) }), account);
    },
    tapsIceBreaker: async (question, options) => {
      const account = to(options);
      return acted(await sandbox.tapIceBreaker(id, { to: account, question, ...link(options) }), account);
    },
    tapsMenuItem: async (title, options) => {
      const account = to(options);
      const tapped = await sandbox.tapMenu(id, { to: account, title });
      if (tapped.type === 'postback') acted(tapped, account);
      return tapped;
    },
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
