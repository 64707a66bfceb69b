/**
 * `POST /{ig-id|page-id|me}/messages` (spec §5): checks who the message goes to, whether the business may
 * write to them now, what it contains and how often it sends; then stores it with its effects, in one
 * transaction. Answers `{recipient_id, message_id}`, and `attachment_id` for media sent with `is_reusable`.
 */
import { GraphError } from '@parley/protocol';
import type { MessageContent } from '../messaging/message-content.ts';
import { ensureConversation, recordBusinessMessage } from '../messaging/record-message.ts';
import { requireMessagingPermission } from '../core/access.ts';
import { requireThreadControl } from '../messaging/conversation-routing.ts';
import { readPersona } from './persona.ts';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, MediaAssetRow } from '../store/schema.ts';
import type { ConversationView, Store } from '../store/store.ts';
import { NOTIFICATION_TYPES } from './limits.ts';
import { materialize } from './materialize.ts';
import { uploadedFile } from './media/media-assets.ts';
import { readMessagingIntent, requireWindow, windowFor } from './messaging-window.ts';
import { readOutgoingMessage } from './outgoing-message.ts';
import { categoryOf } from './rate-category.ts';
import { claimNotificationTurn, requireNotificationTurn } from './notification-recipient.ts';
import {
  checkPrivateReplyContent,
  claimPrivateReply,
  privateReplyCategory,
  privateReplyContext,
  refuseSenderAction,
  requirePrivateReplyTurn,
} from './private-reply.ts';
import { resolveRecipient, type Recipient } from './recipient.ts';
import { claimUserRef, requireUserRefWindow } from './user-ref-recipient.ts';
import { sendAction, type SendAnswer } from './sender-actions.ts';
import { delivery, echo, threadOf } from '../webhooks/messaging-events.ts';
import { enumParam, expandBrackets, objectParam, stringParam, type Params } from '../core/params.ts';

/** `reply_to: {mid}` must name a live message of the same conversation. */
async function replyTarget(
  params: Params,
  message: Record<string, unknown>,
  conversation: ConversationView | undefined,
  store: Store,
) {
  const raw = objectParam(params, 'reply_to') ?? (message.reply_to as Record<string, unknown> | undefined);
  if (!raw) return undefined;
  const mid = typeof raw.mid === 'string' ? raw.mid : undefined;
  if (!mid) throw new GraphError('parameterRequired', { name: 'reply_to[mid]' });
  const target = await store.messages.get(mid);
  if (!target || target.deleted_at !== null || target.conversation_id !== conversation?.id) {
    throw new GraphError('invalidParameter', {
      detail: 'Param reply_to[mid] must be a message of this conversation',
    });
  }
  return mid;
}

/**
 * Takes the send's turn where a recipient allows one message (a comment or post, a user_ref) or one a period
 * (a token): of two sends at once, one has it.
 */
async function claimTurn(tx: Store, recipient: Recipient, messageId: string, at: number) {
  switch (recipient.kind) {
    case 'private_reply':
      return claimPrivateReply(tx, recipient, messageId);
    case 'notification_token':
      return claimNotificationTurn(tx, recipient.optin, at);
    case 'user_ref':
      return claimUserRef(tx, recipient.optin, messageId);
  }
}

async function deliver(
  recipient: Recipient,
  conversation: ConversationView | undefined,
  content: MessageContent,
  newAssets: readonly MediaAssetRow[],
  reusableId: string | undefined,
  ctx: GraphContext,
): Promise<SendAnswer> {
  return ctx.store.transaction(async (tx) => {
    // The message's time is read as it is written, not when the request came in: messages sent together to
    // one conversation then carry times in the order they were stored (and their webhooks are sent in).
    const at = Math.max(ctx.now, ctx.clock.now());
    for (const asset of newAssets) await tx.media.insert(asset);
    const account: AccountRow = recipient.account;
    const target = conversation ?? (await ensureConversation(tx, account, recipient.personId, at));
    const { message } = await recordBusinessMessage(tx, account, target, content, at);
    await claimTurn(tx, recipient, message.id, at);
    // A message to a user_ref is neither echoed nor reported delivered.
    if (recipient.kind !== 'user_ref') {
      const thread = threadOf(account, target);
      await ctx.webhooks.emit(tx, [
        echo(thread, message.id, content, at, (a) => (a.asset_id ? ctx.mediaUrl(a.asset_id) : a.url)),
        thread.platform === 'messenger' ? delivery(thread, [message.id], at) : undefined,
      ]);
    }
    return {
      // Nor does its answer name the recipient.
      ...(recipient.kind !== 'user_ref' && { recipient_id: target.scoped_id }),
      message_id: message.id,
      ...(reusableId !== undefined && { attachment_id: reusableId }),
    };
  });
}

export async function sendMessage(
  sender: AccountRow,
  ctx: GraphContext,
  rawParams: Params,
): Promise<SendAnswer> {
  const params = expandBrackets(rawParams);
  const recipientParam = objectParam(params, 'recipient');
  const message = objectParam(params, 'message');
  const action = stringParam(params, 'sender_action');
  if (!recipientParam) throw new GraphError('parameterRequired', { name: 'recipient' });
  if (message && action) throw new GraphError('messageAndState');
  if (!message && !action) throw new GraphError('messageOrStateRequired');

  const recipient = await resolveRecipient(sender, recipientParam, ctx);
  requireMessagingPermission(ctx, recipient.platform);
  if (recipient.account.messages_access_off_at !== null) throw new GraphError('messagesAccessOff');
  // Checked for every send, a sender action too, as Graph checks each parameter it declares.
  const intent = readMessagingIntent(params, recipient.platform);
  enumParam(params, 'notification_type', NOTIFICATION_TYPES);
  const conversation = await ctx.store.conversations.getFor(recipient.account.id, recipient.personId);
  const personaId = await readPersona(params, sender, ctx);
  // Conversation routing: only the app in control of the thread sends in it (private replies open one).
  if (recipient.kind !== 'private_reply') {
    const { account, platform } = recipient;
    await requireThreadControl(
      ctx.store,
      account,
      platform,
      conversation?.seq ?? 0,
      ctx.auth.app.id,
      ctx.now,
    );
  }
  if (action) {
    if (recipient.kind === 'private_reply') refuseSenderAction(recipient);
    // Sender actions name a person by their scoped id only.
    if (recipient.kind !== 'person') throw new GraphError('parameterRequired', { name: 'recipient[id]' });
    return sendAction(action, params, recipient, conversation, ctx);
  }

  const outgoing = readOutgoingMessage(message!, recipient.platform, await uploadedFile(params.filedata));
  if (recipient.kind === 'private_reply') {
    checkPrivateReplyContent(recipient, outgoing);
    ctx.throttle(privateReplyCategory(recipient), recipient.account.id, recipient.platform);
    // It needs no window, and opens none.
    requirePrivateReplyTurn(recipient, ctx.now);
  } else {
    ctx.throttle(categoryOf(outgoing, ctx), recipient.account.id, recipient.platform);
    if (recipient.kind === 'notification_token') requireNotificationTurn(recipient.optin, ctx.now);
    else if (recipient.kind === 'user_ref') requireUserRefWindow(recipient.optin, ctx);
    else {
      const windowMs = windowFor(intent, ctx.auth.app, ctx.config);
      requireWindow(conversation?.last_person_activity_at ?? null, ctx.now, windowMs, recipient.platform);
    }
  }
  const replyToMid = await replyTarget(params, message!, conversation, ctx.store);
  const { content, newAssets, reusableId } = await materialize(
    outgoing,
    recipient.account,
    recipient.platform,
    ctx,
  );
  const full: MessageContent = {
    ...content,
    ...(replyToMid && { replyToMid }),
    context: {
      ...content.context,
      app_id: ctx.auth.app.id,
      messaging_type: intent.messagingType,
      ...(intent.tag && { tag: intent.tag }),
      ...(personaId !== undefined && { persona_id: personaId }),
      ...(recipient.kind === 'private_reply' && { private_reply: privateReplyContext(recipient) }),
    },
  };
  return deliver(recipient, conversation, full, newAssets, reusableId, ctx);
}
