/** Resolves `/{message-id}`: only messages in conversations the token reaches, only the newest have details. */
import { GraphError } from '@parley/protocol';
import type { GraphContext } from '../context.ts';
import { loadConversation } from '../conversation/load.ts';
import type { MessageRecord } from './record.ts';

export async function loadMessage(id: string, ctx: GraphContext): Promise<MessageRecord | undefined> {
  const row = await ctx.store.getMessage(id);
  if (!row) return undefined;
  const conversation = await loadConversation(row.conversation_id, ctx);
  if (!conversation) return undefined;
  if (row.deleted_at !== null) throw new GraphError('messageDeleted');
  const recent = await ctx.store.recentMessageIds(row.conversation_id, ctx.config.messageDetailWindow);
  // Meta answers messages older than the newest 20 as if they had been deleted.
  if (!recent.includes(id)) throw new GraphError('messageDeleted');
  return { row, conversation, detailed: true };
}
