/**
 * `sender_action` (spec §5.7): typing indicators, marking the person's messages seen, and reacting to a
 * message (on Instagram only with `love`). They need the messaging window like any send.
 */
import { GraphError } from '@parley/protocol';
import { normalizeReaction } from '../messaging/reactions.ts';
import type { GraphContext } from '../core/context.ts';
import type { ConversationView } from '../store/store.ts';
import { SENDER_ACTIONS } from './limits.ts';
import { requireWindow } from './messaging-window.ts';
import type { Recipient } from './recipient.ts';
import { textCategory } from './rate-category.ts';
import { enumParam, objectParam, type Params } from '../core/params.ts';

/** What the Send API answers: the recipient, and the message's id when a message was sent. */
export interface SendAnswer {
  /** Absent for a message to a user_ref. */
  recipient_id?: string;
  message_id?: string;
  attachment_id?: string;
}

async function reactionTarget(params: Params, conversation: ConversationView, ctx: GraphContext) {
  const payload = objectParam(params, 'payload');
  const mid = payload && typeof payload.message_id === 'string' ? payload.message_id : undefined;
  if (!mid) throw new GraphError('parameterRequired', { name: 'payload[message_id]' });
  const message = await ctx.store.messages.get(mid);
  if (!message || message.deleted_at !== null || message.conversation_id !== conversation.id) {
    throw new GraphError('invalidParameter', {
      detail: 'Param payload[message_id] must be a message of this conversation',
    });
  }
  return { mid, reaction: typeof payload?.reaction === 'string' ? payload.reaction : 'love' };
}

export async function sendAction(
  name: string,
  params: Params,
  recipient: Extract<Recipient, { kind: 'person' }>,
  conversation: ConversationView | undefined,
  ctx: GraphContext,
): Promise<SendAnswer> {
  const action = enumParam({ sender_action: name }, 'sender_action', SENDER_ACTIONS)!;
  ctx.throttle(textCategory(ctx), recipient.account.id, recipient.platform);
  requireWindow(
    conversation?.last_person_activity_at ?? null,
    ctx.now,
    ctx.config.replyWindowMs,
    recipient.platform,
  );
  const answer = { recipient_id: recipient.scopedId };
  if (!conversation || action === 'typing_on' || action === 'typing_off') return answer;

  if (action === 'mark_seen') {
    await ctx.store.conversations.noteActivity(conversation.id, { by: 'business', at: ctx.now });
    return answer;
  }
  const { mid, reaction } = await reactionTarget(params, conversation, ctx);
  if (action === 'unreact') {
    await ctx.store.reactions.delete(mid, 'business');
    return answer;
  }
  const normalized = normalizeReaction(reaction);
  if (recipient.platform === 'instagram' && normalized.reaction !== 'love') {
    throw new GraphError('invalidParameter', {
      detail: `Param payload[reaction] must be one of {LOVE} - got "${reaction}"`,
    });
  }
  await ctx.store.reactions.upsert({
    message_id: mid,
    reactor: 'business',
    ...normalized,
    created_at: ctx.now,
  });
  return answer;
}
