/** The conversation (UnifiedThread) node: `GET /{conversation-id}` and the elements of `/conversations` (spec §2.4). */
import { formatGraphTime } from '../../graph/graph-time.ts';
import { metaBase64Decode } from '../../graph/ids.ts';
import { value, type NodeType } from '../../graph/node-type.ts';
import type { GraphContext } from '../../core/context.ts';
import { mayAct, threadControl } from '../../messaging/conversation-routing.ts';
import { messagesEdge } from '../message/messages-edge.ts';
import { conversationParties, PARTICIPANT_FIELDS, participantNode } from '../participants.ts';
import type { ConversationRecord } from './record.ts';

function participants(c: ConversationRecord) {
  const { person, business } = conversationParties(c);
  return [person, business];
}

/** Whether the business may still answer: within the reply window after the person's last activity. */
function canReply(c: ConversationRecord, ctx: GraphContext): boolean {
  const last = c.view.last_person_activity_at;
  return last !== null && ctx.now - last <= ctx.config.replyWindowMs;
}

function link(c: ConversationRecord): string {
  if (c.platform === 'messenger') return `https://www.facebook.com/messages/?action=read&tid=${c.view.id}`;
  const thread = metaBase64Decode(c.view.id)?.split(':').at(-1) ?? c.view.id;
  return `https://www.instagram.com/direct/t/${thread}/`;
}

const participantList = { object: { name: 'User', fields: PARTICIPANT_FIELDS }, node: participantNode };
const PERSON = ['scoped_id', 'person_username', 'person_name'];

export const conversationNode: NodeType<ConversationRecord, GraphContext> = {
  name: 'UnifiedThread',
  defaultFields: ['id', 'updated_time'],
  idOf: (c) => c.view.id,
  readLimit: (c) => ({ accountId: c.account.id, platform: c.platform }),
  fields: {
    id: value((c) => c.view.id, { verbatim: true }),
    updated_time: value((c) => formatGraphTime(c.view.updated_at), { needs: ['updated_at'], verbatim: true }),
    messages: messagesEdge,
    participants: value((c) => ({ data: participants(c) }), { ...participantList, needs: PERSON }),
    senders: value(
      (c) => ({ data: participants(c).filter((_, i) => i === 0 || c.view.business_replied_at !== null) }),
      { ...participantList, needs: [...PERSON, 'business_replied_at'] },
    ),
    former_participants: value(() => ({ data: [] }), participantList),
    message_count: value((c) => c.view.message_count, { needs: ['message_count'] }),
    unread_count: value((c) => c.view.unread_count, { needs: ['unread_count'] }),
    snippet: value((c) => c.view.snippet, { needs: ['snippet'] }),
    can_reply: value(canReply, { needs: ['last_person_activity_at'] }),
    is_subscribed: value(() => true),
    // Whether the calling app controls the thread (conversation routing): every app does on an account without it.
    is_owner: value(
      async (c, ctx) =>
        mayAct(await threadControl(ctx.store, c.account, c.view.seq, ctx.now), ctx.auth.app.id),
      { needs: ['seq'] },
    ),
    link: value(link),
    // Inbox folders are not exposed for Instagram (spec §7).
    folder: value((c) => (c.platform === 'messenger' ? c.view.folder : undefined), { needs: ['folder'] }),
    name: value(() => undefined),
    scoped_thread_key: value((c) => (c.platform === 'messenger' ? c.view.id : undefined)),
    wallpaper: value(() => undefined),
    linked_group: value(() => undefined),
  },
};
