/** A conversation's `messages` edge: every message's id and time, newest first, paged. */
import type { EdgeField } from '../../graph/node-type.ts';
import type { GraphContext } from '../context.ts';
import type { ConversationRecord } from '../conversation/record.ts';
import { messageNode } from './node.ts';
import type { MessageRecord } from './record.ts';

export const messagesEdge: EdgeField<ConversationRecord, GraphContext, MessageRecord> = {
  kind: 'edge',
  node: messageNode,
  cursorKey: (m) => [m.row.created_at, m.row.seq],
  async open(conversation, ctx) {
    const id = conversation.view.id;
    const recent = new Set(await ctx.store.recentMessageIds(id, ctx.config.messageDetailWindow));
    return {
      scope: `messages:${id}`,
      async list(request) {
        const page = await ctx.store.listMessages(id, request);
        return { more: page.more, items: page.items.map((row) => ({ row, conversation, detailed: recent.has(row.id) })) };
      },
      total: async () => conversation.view.message_count,
    };
  },
};
