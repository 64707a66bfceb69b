/** Resolves `/{message-id}`: only messages in conversations the token reaches, only the newest have details. */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../../core/context.ts';
import { conversationRecord } from '../conversation/load.ts';
import type { MessageRecord } from './record.ts';

export async function loadMessage(id: string, ctx: GraphContext): Promise<MessageRecord | undefined> {
  const window = ctx.config.messageDetailWindow;
  const found = await ctx.store.messages.getWithConversation(id, window);
  const conversation = found && conversationRecord(found.conversation, ctx);
  if (!found || !conversation) return undefined;
  const row = found.message;
  if (row.deleted_at !== null) throw new GraphError('messageDeleted');
  // Meta answers messages older than the newest 20 as if they had been deleted.
  if (found.newer >= window) throw new GraphError('messageDeleted');
  return { row, conversation, detailed: true };
}
