/** Resolves `/{conversation-id}`: visible only to tokens reaching its account, and not when it is a stale request. */
import { isHiddenRequest, platformOf } from '../../messaging/conversation-rules.ts';
import { reachableAccount, requireMessagingPermission } from '../../core/access.ts';
import type { GraphContext } from '../../core/context.ts';
import type { ConversationView } from '../../store/store.ts';
import type { ConversationRecord } from './record.ts';

export async function loadConversation(
  id: string,
  ctx: GraphContext,
): Promise<ConversationRecord | undefined> {
  const view = await ctx.store.conversations.get(id);
  return view && conversationRecord(view, ctx);
}

/** The conversation as this token may see it, or undefined when it may not. */
export function conversationRecord(
  view: ConversationView,
  ctx: GraphContext,
): ConversationRecord | undefined {
  if (view.message_count === 0) return undefined;
  const account = reachableAccount(ctx, view.account_id);
  if (!account || isHiddenRequest(view, ctx.now, ctx.config)) return undefined;
  const platform = platformOf(account);
  requireMessagingPermission(ctx, platform);
  return { view, account, platform };
}
