/** Which Send API limit a call counts against. */
import type { GraphContext } from '../core/context.ts';
import type { RateCategory } from '../rate-limits/rate-limit-rules.ts';
import { sendLimits } from '@parley/protocol';
import type { OutgoingMessage } from './outgoing-message.ts';

/** Text, links, reactions, stickers: 100/s with Instagram Login, 300/s with Page tokens. */
export function textCategory(ctx: GraphContext): RateCategory {
  return ctx.auth.kind === 'instagram' ? 'send_text_instagram' : 'send_text_page';
}

/** Media whose kind says so (audio and video) count against the 10/s media limit; everything else is text. */
export function categoryOf(message: OutgoingMessage, ctx: GraphContext): RateCategory {
  const heavy = message.attachments.some((a) => a.kind === 'media' && sendLimits(a.type).rate === 'media');
  return heavy ? 'send_media' : textCategory(ctx);
}
