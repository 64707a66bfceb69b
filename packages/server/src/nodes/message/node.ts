/** The Message node: `GET /{message-id}` and the elements of a conversation's `messages` edge (spec §4). */
import { formatGraphTime } from '../../graph/graph-time.ts';
import { value, type NodeType, type ValueField } from '../../graph/node-type.ts';
import { contentOf } from '../../messaging/message-content.ts';
import type { GraphContext } from '../../core/context.ts';
import {
  conversationParties,
  PARTICIPANT_FIELDS,
  participantNode,
  type Participant,
} from '../participants.ts';
import { ATTACHMENT_FIELDS, renderAttachments } from './attachments.ts';
import { templateShares } from './template-attachments.ts';
import type { MessageRecord } from './record.ts';

/** A field readable only for the conversation's newest messages; older ones answer just id and time. */
function detail(
  get: (m: MessageRecord, ctx: GraphContext) => unknown,
  extra: Partial<ValueField<MessageRecord, GraphContext>> = {},
): ValueField<MessageRecord, GraphContext> {
  return value((m, ctx) => (m.detailed ? get(m, ctx) : undefined), extra);
}

function sides(m: MessageRecord): { from: Participant; to: Participant } {
  const { person, business } = conversationParties(m.conversation);
  return m.row.from_business ? { from: business, to: person } : { from: person, to: business };
}

const participantObject = { object: { name: 'User', fields: PARTICIPANT_FIELDS }, node: participantNode };

async function reactions(m: MessageRecord, ctx: GraphContext) {
  const rows = await ctx.store.reactions.list(m.row.id);
  if (rows.length === 0) return undefined;
  const { person, business } = conversationParties(m.conversation);
  const byReaction = new Map<string, Participant[]>();
  for (const row of rows) {
    const users = byReaction.get(row.reaction) ?? [];
    users.push(row.reactor === 'business' ? business : person);
    byReaction.set(row.reaction, users);
  }
  return { data: [...byReaction].map(([reaction, users]) => ({ reaction, users })) };
}

async function replyTo(m: MessageRecord, ctx: GraphContext) {
  const mid = m.row.reply_to_mid;
  if (!mid) return undefined;
  const original = await ctx.store.messages.get(mid);
  return { mid, is_self_reply: original !== undefined && original.from_business === m.row.from_business };
}

function tags(m: MessageRecord) {
  const { view, platform } = m.conversation;
  if (platform !== 'messenger') return undefined;
  const read = m.row.from_business
    ? (view.person_seen_at ?? -1) >= m.row.created_at
    : (view.business_read_at ?? -1) >= m.row.created_at;
  const names = [view.folder, ...(read ? ['read'] : []), ...(m.row.from_business ? ['sent'] : [])];
  return { data: names.map((name) => ({ name })) };
}

/** Fields every message shows; any other needs the message to be among the conversation's newest. */
export const SUMMARY_FIELDS: ReadonlySet<string> = new Set(['id', 'created_time']);

export const messageNode: NodeType<MessageRecord, GraphContext> = {
  name: 'Message',
  defaultFields: ['id', 'created_time'],
  idOf: (m) => m.row.id,
  readLimit: (m) => ({ accountId: m.conversation.account.id, platform: m.conversation.platform }),
  fields: {
    id: value((m) => m.row.id, { verbatim: true }),
    created_time: value((m) => formatGraphTime(m.row.created_at), { needs: ['created_at'], verbatim: true }),
    from: detail((m) => sides(m).from, { ...participantObject, needs: ['from_business'] }),
    to: detail((m) => ({ data: [sides(m).to] }), { ...participantObject, needs: ['from_business'] }),
    message: detail((m) => m.row.text ?? '', { needs: ['text'] }),
    attachments: detail(
      (m, ctx) =>
        renderAttachments(m.conversation.platform, contentOf(m.row), m.row.id, (a) =>
          a.asset_id ? ctx.mediaUrl(a.asset_id) : a.url,
        ),
      { object: { name: 'MessageAttachment', fields: ATTACHMENT_FIELDS }, needs: ['attachments', 'context'] },
    ),
    shares: detail(
      (m) => {
        const content = contentOf(m.row);
        const list = [...(content.shares ?? []), ...templateShares(content.context?.template)];
        return list.length ? { data: list } : undefined;
      },
      { needs: ['shares', 'context'] },
    ),
    sticker: detail((m) => m.row.sticker, { needs: ['sticker'] }),
    story: detail((m) => contentOf(m.row).story, { needs: ['story'] }),
    reactions: detail(reactions),
    reply_to: detail(replyTo, { needs: ['reply_to_mid', 'from_business'] }),
    is_unsupported: detail((m) => m.row.is_unsupported === 1, { needs: ['is_unsupported'] }),
    tags: detail(tags, { needs: ['from_business', 'created_at'] }),
  },
};
