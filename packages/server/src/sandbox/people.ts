/**
 * What people do on Instagram and Messenger, played by the sandbox: they message a business, react,
 * read, tap buttons, follow links, unsend and edit. Each act is one transaction.
 */
import { GraphError } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import { newId } from '../graph/ids.ts';
import type { MessageContent, Share, StoredAttachment, Story } from '../messaging/message-content.ts';
import { normalizeReaction } from '../messaging/reactions.ts';
import {
  editMessage,
  ensureConversation,
  recordPersonMessage,
  unsendMessage,
} from '../messaging/record-message.ts';
import type { AccountRow, MessageRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { notFound, type World } from './world.ts';

export interface IncomingAttachment {
  type: string;
  url: string;
  name?: string;
  mime_type?: string;
  size?: number;
  id?: string;
}

export interface PersonMessageInput {
  to: string;
  text?: string;
  attachments?: IncomingAttachment[];
  /** A message id, `{mid}`, or `{story: {id, url}}` for a reply to the business's story. */
  reply_to?: string | { mid?: string; story?: { id: string; url: string } };
  quick_reply?: { payload: string };
}

const MEDIA_TYPES = new Set([
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'ig_reel',
  'reel',
  'unsupported_type',
]);

function toContent(input: PersonMessageInput, replyToMid: string | undefined): MessageContent {
  const attachments: StoredAttachment[] = [];
  const shares: Share[] = [];
  let story: Story | undefined;
  for (const a of input.attachments ?? []) {
    if (a.type === 'share' || a.type === 'ig_post')
      shares.push({ link: a.url, ...(a.name && { name: a.name }), ...(a.id && { id: a.id }) });
    else if (a.type === 'story_mention') story = { mention: { link: a.url, id: a.id ?? newId.attachment() } };
    else if (MEDIA_TYPES.has(a.type)) {
      attachments.push({
        id: newId.attachment(),
        type: a.type as StoredAttachment['type'],
        url: a.url,
        ...(a.name && { name: a.name }),
        ...(a.mime_type && { mime_type: a.mime_type }),
        ...(a.size !== undefined && { size: a.size }),
      });
    } else {
      throw new GraphError('sandboxInvalidRequest', { detail: `Unknown attachment type "${a.type}"` });
    }
  }
  const replyStory = typeof input.reply_to === 'object' ? input.reply_to.story : undefined;
  if (replyStory) story = { reply_to: { link: replyStory.url, id: replyStory.id } };
  return {
    ...(input.text !== undefined && { text: input.text }),
    ...(attachments.length && { attachments }),
    ...(shares.length && { shares }),
    ...(story && { story }),
    ...(replyToMid && { replyToMid }),
    ...(input.quick_reply && { context: { quick_reply: input.quick_reply } }),
    ...(attachments.some((a) => a.type === 'unsupported_type') && { isUnsupported: true }),
  };
}

export interface SentByPerson {
  message_id: string;
  conversation_id: string;
  sender_id: string;
  recipient_id: string;
  timestamp: number;
}

export class People {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly world: World,
  ) {}

  async sendMessage(personId: string, input: PersonMessageInput): Promise<SentByPerson> {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    const mid = typeof input.reply_to === 'string' ? input.reply_to : input.reply_to?.mid;
    if (mid) await this.messageInConversation(mid, personId, account.id);
    const content = toContent(input, mid);
    if (!content.text && !content.attachments && !content.shares && !content.story) {
      throw new GraphError('sandboxInvalidRequest', { detail: 'A message needs text or attachments' });
    }
    return this.store.transaction((tx) => this.deliver(tx, account, personId, content));
  }

  private async deliver(tx: Store, account: AccountRow, personId: string, content: MessageContent) {
    const at = this.clock.now();
    const { message, conversation } = await recordPersonMessage(tx, account, personId, content, at);
    return {
      message_id: message.id,
      conversation_id: conversation.id,
      sender_id: conversation.scoped_id,
      recipient_id: account.id,
      timestamp: at,
    };
  }

  /** Tapping a button: Messenger and Instagram show the button's title as the person's message. */
  async postback(
    personId: string,
    input: { to: string; title: string; payload: string },
  ): Promise<SentByPerson> {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    const content: MessageContent = {
      text: input.title,
      context: { postback: { title: input.title, payload: input.payload } },
    };
    return this.store.transaction((tx) => this.deliver(tx, account, personId, content));
  }

  /** Following an ig.me / m.me link or an ad into the conversation: reopens the messaging window. */
  async referral(personId: string, input: { to: string; ref: string; source?: string; type?: string }) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const conversation = await ensureConversation(tx, account, personId, at);
      await tx.updateConversation(conversation.id, { last_person_activity_at: at });
      return {
        conversation_id: conversation.id,
        sender_id: conversation.scoped_id,
        recipient_id: account.id,
        timestamp: at,
      };
    });
  }

  async react(
    personId: string,
    input: { message_id: string; reaction?: string; action?: 'react' | 'unreact' },
  ) {
    await this.world.requirePerson(personId);
    const message = await this.messageOfPerson(input.message_id, personId);
    const at = this.clock.now();
    await this.store.transaction(async (tx) => {
      if (input.action === 'unreact') await tx.deleteReaction(message.id, 'person');
      else {
        const { reaction, emoji } = normalizeReaction(input.reaction ?? 'love');
        await tx.upsertReaction({
          message_id: message.id,
          reactor: 'person',
          reaction,
          emoji,
          created_at: at,
        });
      }
      // A reaction to a business message reopens the messaging window.
      await tx.updateConversation(message.conversation_id, { last_person_activity_at: at });
    });
    return { success: true, timestamp: at };
  }

  async see(personId: string, input: { message_id: string }) {
    await this.world.requirePerson(personId);
    const message = await this.messageOfPerson(input.message_id, personId);
    const conversation = await this.store.getConversation(message.conversation_id);
    const watermark = Math.max(message.created_at, conversation?.person_seen_at ?? 0);
    await this.store.updateConversation(message.conversation_id, { person_seen_at: watermark });
    return { success: true, watermark };
  }

  async unsend(messageId: string) {
    const message = await this.store.getMessage(messageId);
    if (!message || message.deleted_at !== null) throw notFound('message', messageId);
    const at = this.clock.now();
    await this.store.transaction((tx) => unsendMessage(tx, message, at));
    return { success: true };
  }

  async edit(messageId: string, text: string) {
    const message = await this.store.getMessage(messageId);
    if (!message || message.deleted_at !== null) throw notFound('message', messageId);
    await this.store.transaction((tx) => editMessage(tx, message, text));
    return { success: true, num_edit: message.edit_count + 1 };
  }

  /** A message in the conversation between this person and the business account. */
  private async messageInConversation(mid: string, personId: string, accountId: string): Promise<MessageRow> {
    const message = await this.messageOfPerson(mid, personId);
    const conversation = await this.store.getConversation(message.conversation_id);
    if (conversation?.account_id !== accountId) {
      throw new GraphError('sandboxInvalidRequest', { detail: `Message ${mid} is not in this conversation` });
    }
    return message;
  }

  /** A live message in one of this person's conversations. */
  private async messageOfPerson(mid: string, personId: string): Promise<MessageRow> {
    const message = await this.store.getMessage(mid);
    const conversation = message && (await this.store.getConversation(message.conversation_id));
    if (!message || message.deleted_at !== null || conversation?.person_id !== personId)
      throw notFound('message', mid);
    return message;
  }
}
