/** How stored attachments render in a message's `attachments` edge, per platform (spec §4.2). */
import type { StoredAttachment } from '../../messaging/message-content.ts';
import type { Platform } from '../../store/schema.ts';

function instagramAttachment(a: StoredAttachment) {
  const base = { id: a.id, ...(a.name && { name: a.name }) };
  switch (a.type) {
    case 'image':
    case 'sticker':
      return { ...base, image_data: { url: a.url, preview_url: a.url } };
    case 'video':
    case 'ig_reel':
    case 'reel':
      return { ...base, video_data: { url: a.url, preview_url: a.url } };
    default:
      return { ...base, ...(a.mime_type && { mime_type: a.mime_type }), file_url: a.url };
  }
}

function messengerAttachment(a: StoredAttachment) {
  const base = {
    id: a.id,
    mime_type: a.mime_type ?? 'application/octet-stream',
    name: a.name ?? a.url.split('/').pop()?.split('?')[0] ?? a.id,
    size: a.size ?? null,
  };
  const width = a.width ?? 0;
  const height = a.height ?? 0;
  switch (a.type) {
    case 'image':
    case 'sticker':
      return {
        ...base,
        image_data: {
          width,
          height,
          max_width: width,
          max_height: height,
          url: a.url,
          preview_url: a.url,
          image_type: 1,
          render_as_sticker: a.type === 'sticker',
        },
      };
    case 'video':
    case 'reel':
    case 'ig_reel':
      return {
        ...base,
        video_data: { width, height, length: 0, video_type: 1, url: a.url, preview_url: a.url, rotation: 0 },
      };
    default:
      return { ...base, file_url: a.url };
  }
}

export function renderAttachments(platform: Platform, attachments: readonly StoredAttachment[]) {
  return { data: attachments.map(platform === 'instagram' ? instagramAttachment : messengerAttachment) };
}

export const ATTACHMENT_FIELDS = ['id', 'name', 'mime_type', 'size', 'image_data', 'video_data', 'file_url'] as const;
