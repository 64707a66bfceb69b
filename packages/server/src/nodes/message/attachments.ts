/** How stored attachments render in a message's `attachments` edge, per platform (spec §4.2). */
import { ATTACHMENT_KINDS } from '@parley/protocol';
import type { MessageContent, StoredAttachment } from '../../messaging/message-content.ts';
import { templateCards, templateMedia } from './template-attachments.ts';
import type { Platform } from '../../store/schema.ts';

type UrlOf = (a: StoredAttachment) => string;

function instagramAttachment(a: StoredAttachment, urlOf: UrlOf) {
  const url = urlOf(a);
  const base = { id: a.id, ...(a.name && { name: a.name }) };
  switch (ATTACHMENT_KINDS[a.type].renders) {
    case 'image':
      return { ...base, image_data: { url, preview_url: url } };
    case 'video':
      return { ...base, video_data: { url, preview_url: url } };
    default:
      return { ...base, ...(a.mime_type && { mime_type: a.mime_type }), file_url: url };
  }
}

function messengerAttachment(a: StoredAttachment, urlOf: UrlOf) {
  const url = urlOf(a);
  const base = {
    id: a.id,
    mime_type: a.mime_type ?? 'application/octet-stream',
    name: a.name ?? a.url.split('/').pop()?.split('?')[0] ?? a.id,
    size: a.size ?? null,
  };
  const width = a.width ?? 0;
  const height = a.height ?? 0;
  switch (ATTACHMENT_KINDS[a.type].renders) {
    case 'image':
      return {
        ...base,
        image_data: {
          width,
          height,
          max_width: width,
          max_height: height,
          url,
          preview_url: url,
          image_type: 1,
          render_as_sticker: a.type === 'sticker',
        },
      };
    case 'video':
      return {
        ...base,
        video_data: { width, height, length: 0, video_type: 1, url, preview_url: url, rotation: 0 },
      };
    default:
      return { ...base, file_url: url };
  }
}

export function renderAttachments(
  platform: Platform,
  content: MessageContent,
  messageId: string,
  urlOf: UrlOf,
) {
  const render = platform === 'instagram' ? instagramAttachment : messengerAttachment;
  const template = content.context?.template;
  const media = [...(content.attachments ?? []), ...(template ? templateMedia(template, messageId) : [])];
  const data = [
    ...media.map((a) => render(a, urlOf)),
    ...(template ? templateCards(template, messageId) : []),
  ];
  return data.length ? { data } : undefined;
}

export const ATTACHMENT_FIELDS = [
  'id',
  'name',
  'mime_type',
  'size',
  'image_data',
  'video_data',
  'file_url',
  'generic_template',
] as const;
