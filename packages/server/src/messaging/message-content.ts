/** What a message carries, as the domain handles it, and how it is stored and summarised. */
import type { MessageRow, NewMessage } from '../store/schema.ts';
import { ATTACHMENT_KINDS, type AttachmentType, type MessageTemplate } from '@parley/protocol';

export type { AttachmentType };

export interface StoredAttachment {
  readonly id: string;
  readonly type: AttachmentType;
  /** Where the media lives: an outside URL (people's attachments), or empty when Parley stores it. */
  readonly url: string;
  /** The stored copy Parley serves from its CDN URL (what businesses send). */
  readonly asset_id?: string;
  readonly name?: string;
  readonly mime_type?: string;
  readonly size?: number;
  readonly width?: number;
  readonly height?: number;
}

export interface Share {
  readonly link: string;
  readonly name?: string;
  readonly id?: string;
  /** An Instagram post shared on Messenger (else a Facebook post there): Messenger's webhooks tell them apart. */
  readonly instagram?: boolean;
}

export interface StoryRef {
  readonly link: string;
  readonly id: string;
}

export type Story = { readonly reply_to: StoryRef } | { readonly mention: StoryRef };

/** Facts about how a message came to be: a tapped quick reply or button, or what the business sent with it. */
export interface MessageContext {
  readonly quick_reply?: { readonly payload: string };
  readonly postback?: { readonly title: string; readonly payload: string };
  readonly referral?: Record<string, unknown>;
  /** The app that sent a business message through the API, and its metadata (echoed back in webhooks). */
  readonly app_id?: string;
  readonly metadata?: string;
  readonly quick_replies?: readonly Record<string, unknown>[];
  readonly template?: MessageTemplate;
  /** A private reply: the comment it answers (none for a person's post on a Page), the post, its link. */
  readonly private_reply?: {
    readonly comment_id?: string;
    readonly media_id: string;
    readonly permalink: string;
  };
  readonly messaging_type?: string;
  readonly tag?: string;
  /** The Page's persona the business message was sent under (echoed back in webhooks). */
  readonly persona_id?: string;
}

export interface MessageContent {
  readonly text?: string;
  readonly attachments?: readonly StoredAttachment[];
  readonly shares?: readonly Share[];
  readonly sticker?: string;
  readonly story?: Story;
  readonly replyToMid?: string;
  readonly context?: MessageContext;
  readonly isUnsupported?: boolean;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function contentColumns(
  content: MessageContent,
): Omit<NewMessage, 'seq' | 'id' | 'conversation_id' | 'conversation_seq' | 'from_business' | 'created_at'> {
  return {
    text: content.text ?? null,
    attachments: content.attachments?.length ? json(content.attachments) : null,
    shares: content.shares?.length ? json(content.shares) : null,
    sticker: content.sticker ?? null,
    story: json(content.story),
    reply_to_mid: content.replyToMid ?? null,
    context: content.context && Object.keys(content.context).length ? json(content.context) : null,
    is_unsupported: content.isUnsupported ? 1 : 0,
  };
}

/** A JSON column's value; null, or absent from a narrowed row, is undefined. */
function parsed<T>(text: string | null | undefined): T | undefined {
  return text == null ? undefined : (JSON.parse(text) as T);
}

export function contentOf(row: MessageRow): MessageContent {
  return {
    text: row.text ?? undefined,
    attachments: parsed<StoredAttachment[]>(row.attachments),
    shares: parsed<Share[]>(row.shares),
    sticker: row.sticker ?? undefined,
    story: parsed<Story>(row.story),
    replyToMid: row.reply_to_mid ?? undefined,
    context: parsed<MessageContext>(row.context),
    isUnsupported: row.is_unsupported === 1,
  };
}

/** The conversation's `snippet`: the text, or a line saying what was sent. */
export function snippetOf(content: MessageContent): string {
  if (content.text) return content.text.length > 100 ? content.text.slice(0, 100) : content.text;
  if (content.sticker || content.attachments?.[0]?.type === 'sticker')
    return ATTACHMENT_KINDS.sticker.snippet;
  const template = content.context?.template;
  if (template) return templateSnippet(template);
  if (content.shares?.length) return 'Shared a post.';
  if (content.story && 'mention' in content.story) return 'Mentioned you in their story.';
  const first = content.attachments?.[0];
  return first ? ATTACHMENT_KINDS[first.type].snippet : 'Sent an attachment.';
}

/** What a template shows first, as the inbox's snippet. */
function templateSnippet(template: MessageTemplate): string {
  switch (template.template_type) {
    case 'button':
      return template.text;
    case 'generic':
      return template.elements[0]?.title ?? 'Sent a message.';
    case 'image_grid':
      return template.elements[0].title ?? ATTACHMENT_KINDS.image.snippet;
    case 'media':
      return ATTACHMENT_KINDS[template.elements[0].media_type].snippet;
    case 'receipt':
      return `Order ${template.order_number}`;
    case 'coupon':
    case 'customer_feedback':
      return template.title;
    case 'notification_messages':
      return template.title ?? 'Updates and promotions';
    case 'product':
      return template.elements[0]?.name ?? 'Shared a product.';
  }
}
