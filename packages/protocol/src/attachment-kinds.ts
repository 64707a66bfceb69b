/**
 * Every kind of media a message can carry in its attachments, in one table: how Graph renders it, the
 * snippet it leaves on its conversation, how webhooks name it, and what a business may send of it through
 * the Send API (Meta's formats and sizes, spec §5.3). Validation, storage, the Graph projection, the webhook
 * payloads and the docs all read it. Shares, story mentions and templates are not media: the server keeps
 * them apart.
 */

const MB = 1024 * 1024;

export interface AttachmentKind {
  /** What it is, as the docs list it. */
  readonly summary: string;
  /** How the message's `attachments` edge renders it: `image_data`, `video_data`, or a `file_url`. */
  readonly renders: 'image' | 'video' | 'file';
  /** The conversation's snippet when a message sends it first. */
  readonly snippet: string;
  /** The type Instagram's webhooks give it, where it differs from its own name. */
  readonly instagramWebhookType?: string;
  /**
   * What a business may send of it through the Send API (spec §5.3): formats (as sniffed from the bytes),
   * size, and the rate limit a send counts against. Kinds without it only people send.
   */
  readonly send?: {
    readonly formats: readonly string[];
    readonly maxBytes: number;
    readonly rate: 'text' | 'media';
  };
}

export const ATTACHMENT_KINDS = {
  image: {
    summary: 'A photo or GIF',
    renders: 'image',
    snippet: 'Sent a photo.',
    send: { formats: ['png', 'jpeg', 'gif'], maxBytes: 8 * MB, rate: 'text' },
  },
  audio: {
    summary: 'A voice message or audio file',
    renders: 'file',
    snippet: 'Sent a voice message.',
    send: { formats: ['aac', 'm4a', 'wav', 'mp4'], maxBytes: 25 * MB, rate: 'media' },
  },
  video: {
    summary: 'A video',
    renders: 'video',
    snippet: 'Sent a video.',
    send: { formats: ['mp4', 'ogg', 'avi', 'mov', 'webm'], maxBytes: 25 * MB, rate: 'media' },
  },
  file: {
    summary: 'A document',
    renders: 'file',
    snippet: 'Sent an attachment.',
    send: { formats: ['pdf'], maxBytes: 25 * MB, rate: 'text' },
  },
  sticker: {
    summary: "A sticker (Instagram's like-heart too)",
    renders: 'image',
    snippet: 'Sent a sticker.',
    instagramWebhookType: 'image',
  },
  ig_reel: {
    summary: 'An Instagram reel shared in a message',
    renders: 'video',
    snippet: 'Sent an attachment.',
  },
  reel: { summary: 'A reel shared in a message', renders: 'video', snippet: 'Sent an attachment.' },
  unsupported_type: {
    summary: 'Something the API cannot show',
    renders: 'file',
    snippet: 'Sent an attachment.',
  },
} as const satisfies Record<string, AttachmentKind>;

export type AttachmentType = keyof typeof ATTACHMENT_KINDS;

/** The kinds a business may send through the Send API (and upload). */
export type MediaType = {
  [K in AttachmentType]: (typeof ATTACHMENT_KINDS)[K] extends { send: object } ? K : never;
}[AttachmentType];

export const ATTACHMENT_TYPES = Object.keys(ATTACHMENT_KINDS) as AttachmentType[];

export const MEDIA_TYPES = ATTACHMENT_TYPES.filter(
  (type): type is MediaType => 'send' in ATTACHMENT_KINDS[type],
);

export function isAttachmentType(type: string): type is AttachmentType {
  return Object.hasOwn(ATTACHMENT_KINDS, type);
}

export function isMediaType(type: string): type is MediaType {
  return isAttachmentType(type) && 'send' in ATTACHMENT_KINDS[type];
}

/** What a business may send of a media kind. */
export function sendLimits(type: MediaType): AttachmentKind['send'] & object {
  return ATTACHMENT_KINDS[type].send;
}

export function attachmentKind(type: AttachmentType): AttachmentKind {
  return ATTACHMENT_KINDS[type];
}
