/** A conversation's `messages` edge: every message's id and time, newest first, paged. */
import type { EdgeField } from '../../graph/node-type.ts';
import { columnsFor } from '../../graph/projection.ts';
import type { MessageColumn } from '../../store/store.ts';
import type { GraphContext } from '../../core/context.ts';
import type { ConversationRecord } from '../conversation/record.ts';
import { messageNode, SUMMARY_FIELDS } from './node.ts';
import type { MessageRecord } from './record.ts';

export const messagesEdge: EdgeField<ConversationRecord, GraphContext, MessageRecord> = {
  kind: 'edge',
  node: messageNode,
  // What the messages' own fields read of their conversation (its two sides, read marks, folder), so that
  // messages expanded inside a conversation list render as they do on their own.
  needs: [
    'account_id',
    'message_count',
    'scoped_id',
    'person_username',
    'person_name',
    'person_seen_at',
    'business_read_at',
    'folder',
  ],
  cursorKey: (m) => [m.row.created_at, m.row.seq],
  async open(conversation, ctx) {
    const { view } = conversation;
    const window = ctx.config.messageDetailWindow;
    return {
      scope: `messages:${view.id}`,
      async list(request, fields) {
        const page = await ctx.store.messages.list(
          view,
          request,
          columnsFor(messageNode, fields) as MessageColumn[],
        );
        // Items come newest first: the first one's rank among the live messages gives every other's.
        const first = page.items[0];
        const wantsDetails = fields.some((f) => !SUMMARY_FIELDS.has(f.name));
        const firstRank =
          first && wantsDetails ? await ctx.store.messages.countNewer(view.seq, first, window) : window;
        return {
          more: page.more,
          items: page.items.map((row, i) => ({ row, conversation, detailed: firstRank + i < window })),
        };
      },
      async total() {
        return conversation.view.message_count;
      },
    };
  },
};
