/** Quick replies (spec §5.5): at most 13; text ones need a title (cut to 20 characters) and a payload. */
import { GraphError } from '@parley/protocol';
import { QUICK_REPLY_LIMITS, QUICK_REPLY_TYPES } from './limits.ts';
import type { Json } from '../core/params.ts';

export interface QuickReply {
  content_type: (typeof QUICK_REPLY_TYPES)[number];
  title?: string;
  payload?: string;
  image_url?: string;
}

const NAME = 'message[quick_replies]';

export function readQuickReplies(value: unknown): QuickReply[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw new GraphError('invalidParameter', { detail: `Param ${NAME} must be an array` });
  if (value.length === 0) throw new GraphError('tooFewElements', { name: NAME });
  if (value.length > QUICK_REPLY_LIMITS.max) throw new GraphError('tooManyElements', { name: NAME });
  return value.map((raw, i) => {
    const q = (raw ?? {}) as Json;
    const type = String(q.content_type ?? 'text').toLowerCase() as QuickReply['content_type'];
    if (!QUICK_REPLY_TYPES.includes(type)) {
      throw new GraphError('invalidParameter', {
        detail: `Param ${NAME}[${i}][content_type] must be one of {TEXT, USER_PHONE_NUMBER, USER_EMAIL} - got "${String(q.content_type)}"`,
      });
    }
    if (type !== 'text') return { content_type: type };
    const title = typeof q.title === 'string' ? q.title.trim() : '';
    if (!title) throw new GraphError('quickReplyTitleRequired');
    const payload = typeof q.payload === 'string' || typeof q.payload === 'number' ? String(q.payload) : '';
    if (!payload) throw new GraphError('quickReplyPayloadRequired');
    if ([...payload].length > QUICK_REPLY_LIMITS.payloadCharacters) {
      throw new GraphError('textTooLong', {
        name: `${NAME}[${i}][payload]`,
        max: QUICK_REPLY_LIMITS.payloadCharacters,
      });
    }
    // Titles longer than 20 characters are cut, not refused.
    return {
      content_type: 'text',
      title: [...title].slice(0, QUICK_REPLY_LIMITS.titleCharacters).join(''),
      payload,
      ...(typeof q.image_url === 'string' && q.image_url && { image_url: q.image_url }),
    };
  });
}
