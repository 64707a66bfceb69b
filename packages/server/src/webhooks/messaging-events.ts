/**
 * The messaging items webhooks carry (spec §10.4–10.5), built from what happened in a conversation:
 * `{sender, recipient, timestamp, <event>}`. Pure functions; the outbox stores what they return.
 */
import {
  attachmentKind,
  JsonText,
  metaJson,
  type MessageTemplate,
  type WebhookEventKind,
} from '@parley/protocol';
import type { WebhookEvent } from '../core/webhook-queue.ts';
import { platformOf } from '../messaging/conversation-rules.ts';
import type { MessageContent, Share, StoredAttachment } from '../messaging/message-content.ts';
import type { AccountRow, ConversationRow, Platform } from '../store/schema.ts';

/**
 * The two sides of a conversation: the business account and the person's scoped id (none yet for a checkbox
 * plugin's opt-in, which webhooks send without `sender`).
 */
export interface Thread {
  readonly account: AccountRow;
  readonly platform: Platform;
  readonly conversationSeq: number;
  readonly scopedId: string | undefined;
}

export function threadOf(
  account: AccountRow,
  conversation: Pick<ConversationRow, 'seq' | 'scoped_id'>,
): Thread {
  return {
    account,
    platform: platformOf(account),
    conversationSeq: conversation.seq,
    scopedId: conversation.scoped_id,
  };
}

/** Where a stored attachment can be fetched (the CDN URL for media Parley stores). */
export type UrlOf = (attachment: StoredAttachment) => string;

/** A messaging item of `kind`, from the business or (`fromBusiness` false) the person or the platform. */
export function event(
  kind: WebhookEventKind,
  thread: Thread,
  time: number,
  fromBusiness: boolean,
  item: Record<string, unknown>,
): WebhookEvent {
  let json: string | undefined;
  return {
    kind,
    account: thread.account,
    orderKey: thread.conversationSeq,
    time,
    // Serialized only if some app receives it: most accounts subscribe no app.
    get json() {
      return (json ??= serializeItem(thread, time, fromBusiness, item));
    },
  };
}

function serializeItem(
  thread: Thread,
  time: number,
  fromBusiness: boolean,
  item: Record<string, unknown>,
): string {
  const person = thread.scopedId === undefined ? undefined : { id: thread.scopedId };
  const business = { id: thread.account.id };
  return metaJson({
    ...((fromBusiness || person) && { sender: fromBusiness ? business : person }),
    recipient: fromBusiness ? person : business,
    timestamp: time,
    ...item,
  });
}

function attachmentItem(a: StoredAttachment, platform: Platform, urlOf: UrlOf) {
  const url = urlOf(a);
  // Instagram reports stickers as images; Messenger as stickers (no longer also as images since 2026-08-30),
  // with the sticker's id.
  if (platform === 'instagram')
    return { type: attachmentKind(a.type).instagramWebhookType ?? a.type, payload: { url } };
  if (a.type !== 'sticker') return { type: a.type, payload: { url } };
  return {
    type: 'sticker',
    payload: { url, ...(Number.isSafeInteger(Number(a.id)) && { sticker_id: Number(a.id) }) },
  };
}

/** Instagram calls a shared post `share`; Messenger `ig_post` or `post` (spec §10.5). */
function shareType(share: Share, platform: Platform) {
  return platform === 'instagram' ? 'share' : share.instagram ? 'ig_post' : 'post';
}

/** A template as webhooks carry it: as sent, but products as Meta's messages webhook shows them. */
function templatePayload(template: MessageTemplate) {
  if (template.template_type !== 'product') return template;
  const elements = template.elements.map((p) => ({
    id: p.id,
    retailer_id: p.retailer_id,
    image_url: p.image_url,
    title: p.name,
    subtitle: p.price,
  }));
  return { product: { elements } };
}

/**
 * The attachments of a message as webhooks list them: media, shares, story mentions, or the template as sent
 * (a media template's stored photo or video is part of its template).
 */
function attachmentsOf(content: MessageContent, platform: Platform, urlOf: UrlOf) {
  const template = content.context?.template;
  if (template) return [{ type: 'template', payload: templatePayload(template) }];
  const items: Record<string, unknown>[] = (content.attachments ?? []).map((a) =>
    attachmentItem(a, platform, urlOf),
  );
  for (const share of content.shares ?? [])
    items.push({ type: shareType(share, platform), payload: { url: share.link } });
  if (content.story && 'mention' in content.story) {
    items.push({ type: 'story_mention', payload: { url: content.story.mention.link } });
  }
  return items.length ? items : undefined;
}

function replyToOf(content: MessageContent) {
  if (content.replyToMid) return { mid: content.replyToMid };
  if (content.story && 'reply_to' in content.story) {
    return { story: { url: content.story.reply_to.link, id: content.story.reply_to.id } };
  }
  return undefined;
}

/**
 * A person's message. Instagram sends no webhook for stickers and GIF stickers people send (spec §10.5):
 * answers undefined then. `answersUserRef`: the message is the person's first answer to a message sent to
 * their checkbox plugin opt-in, which the event names as `prior_message`.
 */
export function personMessage(
  thread: Thread,
  mid: string,
  content: MessageContent,
  time: number,
  urlOf: UrlOf,
  answersUserRef?: string,
): WebhookEvent | undefined {
  const onlySticker =
    content.attachments?.length && content.attachments.every((a) => a.type === 'sticker') && !content.text;
  if (thread.platform === 'instagram' && onlySticker) return undefined;
  const context = content.context;
  const replyTo = replyToOf(content);
  const attachments = attachmentsOf(content, thread.platform, urlOf);
  return event('message', thread, time, false, {
    message: {
      mid,
      ...(content.text !== undefined && { text: content.text }),
      ...(attachments && { attachments }),
      ...(context?.quick_reply && { quick_reply: context.quick_reply }),
      ...(replyTo && { reply_to: replyTo }),
      ...(context?.referral && { referral: context.referral }),
      ...(content.isUnsupported && { is_unsupported: true }),
    },
    ...(answersUserRef !== undefined && {
      prior_message: { source: 'checkbox_plugin', identifier: answersUserRef },
    }),
  });
}

/** The echo of a message the business sent; Messenger echoes name the sending app and its metadata. */
export function echo(
  thread: Thread,
  mid: string,
  content: MessageContent,
  time: number,
  urlOf: UrlOf,
): WebhookEvent {
  const context = content.context;
  const messenger = thread.platform === 'messenger';
  const appId = messenger && context?.app_id && /^\d+$/.test(context.app_id) ? context.app_id : undefined;
  const attachments = attachmentsOf(content, thread.platform, urlOf);
  const replyTo = replyToOf(content);
  return event('echo', thread, time, true, {
    message: {
      mid,
      is_echo: true,
      // A bare JSON number, as Meta writes it: app ids are too long for a double.
      ...(appId && { app_id: new JsonText(appId) }),
      ...(messenger && context?.metadata !== undefined && { metadata: context.metadata }),
      ...(context?.persona_id !== undefined && { persona_id: context.persona_id }),
      ...(content.text !== undefined && { text: content.text }),
      ...(attachments && { attachments }),
      ...(messenger && context?.quick_replies && { quick_replies: context.quick_replies }),
      ...(replyTo && { reply_to: replyTo }),
    },
  });
}

/** Delivery of the business's message to the person's device (Messenger only). */
export function delivery(thread: Thread, mids: readonly string[], time: number): WebhookEvent {
  return event('delivery', thread, time, false, { delivery: { mids, watermark: time } });
}

/** An unsent message: the person's, or (as an echo) the business's own. */
export function unsent(thread: Thread, mid: string, fromBusiness: boolean, time: number): WebhookEvent {
  return fromBusiness
    ? event('echo_deleted', thread, time, true, { message: { mid, is_echo: true, is_deleted: true } })
    : event('deleted', thread, time, false, { message: { mid, is_deleted: true } });
}

export function edited(thread: Thread, mid: string, text: string, numEdit: number, time: number) {
  return event('edit', thread, time, false, { message_edit: { mid, text, num_edit: numEdit } });
}

export function reaction(
  thread: Thread,
  mid: string,
  reacted: { reaction: string; emoji: string } | undefined,
  time: number,
): WebhookEvent {
  return event('reaction', thread, time, false, {
    reaction: reacted
      ? { mid, action: 'react', reaction: reacted.reaction, emoji: reacted.emoji }
      : { mid, action: 'unreact' },
  });
}

/** The person has seen the business's messages: Instagram names the message, Messenger gives a watermark. */
export function read(thread: Thread, mid: string, watermark: number, time: number): WebhookEvent {
  return event('read', thread, time, false, {
    read: thread.platform === 'instagram' ? { mid } : { watermark },
  });
}

export function postback(
  thread: Thread,
  mid: string,
  tapped: { title: string; payload: string; referral?: Record<string, unknown> },
  time: number,
): WebhookEvent {
  return event('postback', thread, time, false, { postback: { mid, ...tapped } });
}

export function referral(thread: Thread, details: Record<string, unknown>, time: number): WebhookEvent {
  return event('referral', thread, time, false, { referral: details });
}

export function optin(thread: Thread, details: Record<string, unknown>, time: number): WebhookEvent {
  return event('optin', thread, time, false, { optin: details });
}

/**
 * A checkbox plugin's opt-in: `{recipient, timestamp, optin: {ref?, user_ref}}`, with no sender, as the person
 * has no PSID for the Page until they answer its message. No conversation yet either: it is delivered in
 * order with the account's other conversation-less events.
 */
export function checkboxOptin(account: AccountRow, details: Record<string, unknown>, time: number) {
  const thread: Thread = { account, platform: platformOf(account), conversationSeq: 0, scopedId: undefined };
  return event('optin', thread, time, false, { optin: details });
}
