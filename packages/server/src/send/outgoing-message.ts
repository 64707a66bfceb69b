/**
 * The `message` parameter of the Send API, checked against Meta's rules (spec §5.3) and turned into what
 * the business wants to send. Media are only named here; they are fetched later (media/).
 */
import { GraphError } from '@parley/protocol';
import type { Platform } from '../store/schema.ts';
import { isMediaType, MEDIA_TYPES, type MediaType, type MessageTemplate } from '@parley/protocol';
import type { UploadedFile } from './media/media-assets.ts';
import { MAX_IMAGES_PER_MESSAGE, METADATA_CHARACTERS, TEXT_LIMITS } from './limits.ts';
import { readQuickReplies, type QuickReply } from './quick-replies.ts';
import { stringParam, type Json } from '../core/params.ts';
import { readTemplate } from './templates/index.ts';

export type OutgoingAttachment =
  | {
      kind: 'media';
      type: MediaType;
      url?: string;
      attachmentId?: string;
      upload?: UploadedFile;
      reusable: boolean;
    }
  | { kind: 'like_heart' }
  | { kind: 'media_share'; postId: string }
  | { kind: 'template'; template: MessageTemplate };

export interface OutgoingMessage {
  readonly text?: string;
  readonly attachments: readonly OutgoingAttachment[];
  readonly quickReplies?: readonly QuickReply[];
  readonly metadata?: string;
}

const ATTACHMENT = 'message[attachment]';

/** Media named by URL or attachment id, or sent as the request's file (as the Attachment Upload API takes). */
function mediaAttachment(
  type: MediaType,
  payload: Json | undefined,
  name: string,
  upload: UploadedFile | undefined,
): OutgoingAttachment {
  const reusable = payload?.is_reusable === true || payload?.is_reusable === 'true';
  if (upload) return { kind: 'media', type, upload, reusable };
  const url = typeof payload?.url === 'string' && payload.url !== '' ? payload.url : undefined;
  const id = payload?.attachment_id;
  const attachmentId = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  if (!url && !attachmentId) throw new GraphError('parameterRequired', { name: `${name}[payload][url]` });
  return { kind: 'media', type, ...(url ? { url } : { attachmentId }), reusable };
}

function readAttachment(
  raw: unknown,
  platform: Platform,
  name = ATTACHMENT,
  upload?: UploadedFile,
): OutgoingAttachment {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GraphError('invalidParameter', { detail: `Param ${name} must be a JSON object` });
  }
  const attachment = raw as Json;
  const given = attachment.type;
  if (given === undefined || given === null || given === '')
    throw new GraphError('parameterRequired', { name: `${name}[type]` });
  const type = String(given).toLowerCase();
  const payload =
    attachment.payload && typeof attachment.payload === 'object' ? (attachment.payload as Json) : undefined;
  if (isMediaType(type)) return mediaAttachment(type, payload, name, upload);
  if (type === 'template') {
    if (!payload) throw new GraphError('parameterRequired', { name: `${name}[payload]` });
    return { kind: 'template', template: readTemplate(payload, platform) };
  }
  if (platform === 'instagram' && type === 'like_heart') return { kind: 'like_heart' };
  if (platform === 'instagram' && type === 'media_share') {
    const id = payload?.id;
    if (typeof id !== 'string' && typeof id !== 'number')
      throw new GraphError('parameterRequired', { name: `${name}[payload][id]` });
    return { kind: 'media_share', postId: String(id) };
  }
  const types = [
    ...MEDIA_TYPES,
    'template',
    ...(platform === 'instagram' ? ['like_heart', 'media_share'] : []),
  ];
  const allowed = types.map((t) => t.toUpperCase()).join(', ');
  throw new GraphError('invalidParameter', {
    detail: `Param ${name}[type] must be one of {${allowed}} - got "${String(given)}"`,
  });
}

function readText(value: unknown, platform: Platform): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new GraphError('invalidParameter', { detail: 'Param message[text] must be a string' });
  if (platform === 'instagram' && Buffer.byteLength(value, 'utf8') > TEXT_LIMITS.instagramBytes) {
    throw new GraphError('textTooLong', { name: 'message[text]', max: TEXT_LIMITS.instagramBytes });
  }
  if (platform === 'messenger' && [...value].length > TEXT_LIMITS.messengerCharacters) {
    throw new GraphError('textTooLong', { name: 'message[text]', max: TEXT_LIMITS.messengerCharacters });
  }
  return value;
}

function readImages(value: unknown, platform: Platform): OutgoingAttachment[] {
  if (value === undefined || value === null) return [];
  if (platform !== 'instagram' || !Array.isArray(value)) {
    throw new GraphError('invalidParameter', {
      detail: 'Param message[attachments] must be an array of images (Instagram only)',
    });
  }
  if (value.length === 0) throw new GraphError('tooFewElements', { name: 'message[attachments]' });
  if (value.length > MAX_IMAGES_PER_MESSAGE)
    throw new GraphError('tooManyElements', { name: 'message[attachments]' });
  return value.map((raw, i) => {
    const attachment = readAttachment(raw, platform, `message[attachments][${i}]`);
    if (attachment.kind !== 'media' || attachment.type !== 'image')
      throw new GraphError('invalidMessageData');
    return attachment;
  });
}

/** `upload`: the request's file (`filedata`), which the single `message.attachment` sends. */
export function readOutgoingMessage(
  message: Json,
  platform: Platform,
  upload?: UploadedFile,
): OutgoingMessage {
  const text = readText(message.text, platform);
  if (message.attachment !== undefined && message.attachments !== undefined) {
    throw new GraphError('invalidParameter', {
      detail: 'Only one of message[attachment] and message[attachments] can be set',
    });
  }
  const attachments =
    message.attachment !== undefined && message.attachment !== null
      ? [readAttachment(message.attachment, platform, ATTACHMENT, upload)]
      : readImages(message.attachments, platform);
  if (text !== undefined && attachments.length > 0) {
    throw new GraphError('invalidParameter', { detail: 'Message cannot have both text and attachment' });
  }
  if (text === undefined && attachments.length === 0) throw new GraphError('emptyMessage');
  const quickReplies = readQuickReplies(message.quick_replies);
  const metadata = stringParam(message, 'metadata', 'message[metadata]');
  if (metadata !== undefined && [...metadata].length > METADATA_CHARACTERS) {
    throw new GraphError('textTooLong', { name: 'message[metadata]', max: METADATA_CHARACTERS });
  }
  return {
    ...(text !== undefined && { text }),
    attachments,
    ...(quickReplies && { quickReplies }),
    ...(metadata !== undefined && { metadata }),
  };
}
