/**
 * The messaging window (spec §6): a business may message a person only after the person has written, and
 * within 24 hours of their last message (or postback, referral, reaction). `messaging_type=MESSAGE_TAG` with
 * `tag=HUMAN_AGENT` stretches it to 7 days, for apps with the human_agent feature.
 */
import { GraphError } from '@parley/protocol';
import type { ParleyConfig } from '../config.ts';
import type { AppRow, Platform } from '../store/schema.ts';
import { HUMAN_AGENT_WINDOW_MS, MESSAGE_TAGS, MESSAGING_TYPES } from './limits.ts';
import { enumParam, type Params } from '../core/params.ts';

export interface MessagingIntent {
  readonly messagingType: (typeof MESSAGING_TYPES)[number];
  readonly tag?: string;
}

/** Reads `messaging_type` and `tag`. A tag alone implies MESSAGE_TAG; MESSAGE_TAG needs a tag. */
export function readMessagingIntent(params: Params, platform: Platform): MessagingIntent {
  const tag = enumParam(params, 'tag', MESSAGE_TAGS[platform]);
  const messagingType =
    enumParam(params, 'messaging_type', MESSAGING_TYPES) ?? (tag ? 'MESSAGE_TAG' : 'RESPONSE');
  if (messagingType === 'MESSAGE_TAG' && !tag) throw new GraphError('parameterRequired', { name: 'tag' });
  return messagingType === 'MESSAGE_TAG' ? { messagingType, tag } : { messagingType };
}

function hasFeature(app: AppRow, feature: string): boolean {
  return (JSON.parse(app.features) as string[]).includes(feature);
}

/** How long after the person's last activity this send may go out; refuses tags the app may not use. */
export function windowFor(intent: MessagingIntent, app: AppRow, config: ParleyConfig): number {
  if (intent.tag === 'HUMAN_AGENT') {
    if (!hasFeature(app, 'human_agent')) throw new GraphError('humanAgentNotApproved');
    return HUMAN_AGENT_WINDOW_MS;
  }
  if (intent.tag === 'CUSTOMER_FEEDBACK') return HUMAN_AGENT_WINDOW_MS;
  return config.replyWindowMs;
}

export function isWithinWindow(lastActivityAt: number | null, now: number, windowMs: number): boolean {
  return lastActivityAt !== null && now - lastActivityAt <= windowMs;
}

export function requireWindow(
  lastActivityAt: number | null,
  now: number,
  windowMs: number,
  platform: Platform,
): void {
  if (!isWithinWindow(lastActivityAt, now, windowMs)) {
    throw new GraphError(platform === 'instagram' ? 'outsideWindowInstagram' : 'outsideWindowMessenger');
  }
}
