/**
 * What people do on Instagram and Messenger, played by the sandbox: they message a business, react,
 * read, tap buttons, follow links, unsend and edit. Each act is one transaction.
 */
import { isAttachmentType } from '@parley/protocol';
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
import * as events from '../webhooks/messaging-events.ts';
import type { WebhookEvent } from '../core/webhook-queue.ts';
import type { Thread } from '../webhooks/messaging-events.ts';
import type { Webhooks } from '../webhooks/webhooks.ts';
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
  /** Where the person came from, when the message starts from an ad or a link (`message.referral`). */
  referral?: Record<string, unknown>;
}

function toContent(input: PersonMessageInput, replyToMid: string | undefined): MessageContent {
  const attachments: StoredAttachment[] = [];
  const shares: Share[] = [];
  let story: Story | undefined;
  for (const a of input.attachments ?? []) {
    if (a.type === 'share' || a.type === 'ig_post')
      shares.push({
        link: a.url,
        ...(a.name && { name: a.name }),
        ...(a.id && { id: a.id }),
        ...(a.type === 'ig_post' && { instagram: true }),
      });
    else if (a.type === 'story_mention') story = { mention: { link: a.url, id: a.id ?? newId.attachment() } };
    else if (isAttachmentType(a.type)) {
      attachments.push({
        // A sticker keeps the id it was sent with (webhooks carry it as sticker_id).
        id: a.type === 'sticker' && a.id ? a.id : newId.attachment(),
        type: a.type,
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
    ...((input.quick_reply || input.referral) && {
      context: {
        ...(input.quick_reply && { quick_reply: input.quick_reply }),
        ...(input.referral && { referral: input.referral }),
      },
    }),
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

/** People's attachments live at the URLs they came with. */
const ownUrl: events.UrlOf = (attachment) => attachment.url;

/** A referral's details as webhooks carry them: an ig.me / m.me link unless told otherwise. */
function referralDetails(input: Record<string, unknown>, defaultSource: string): Record<string, unknown> {
  return { ...input, source: input.source ?? defaultSource, type: input.type ?? 'OPEN_THREAD' };
}

export class People {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly world: World,
    private readonly webhooks: Webhooks,
  ) {}

  async sendMessage(personId: string, input: PersonMessageInput): Promise<SentByPerson> {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    const mid = typeof input.reply_to === 'string' ? input.reply_to : input.reply_to?.mid;
    if (mid) await this.messageInConversation(mid, personId, account.id);
    const referral = input.referral && referralDetails(input.referral, 'ADS');
    const content = toContent({ ...input, ...(referral && { referral }) }, mid);
    if (!content.text && !content.attachments && !content.shares && !content.story) {
      throw new GraphError('sandboxInvalidRequest', { detail: 'A message needs text or attachments' });
    }
    return this.deliver(account, personId, content, async (tx, thread, sent, at) => {
      // The person's first answer to a message sent to their checkbox opt-in names its user_ref.
      const userRef = await tx.optins.takeUnanswered(account.id, personId, at);
      return events.personMessage(thread, sent, content, at, ownUrl, userRef);
    });
  }

  /**
   * Tapping a button: Messenger and Instagram show the button's title as the person's message. A tap that
   * starts a conversation from a link carries the link's `referral` (an m.me / ig.me link unless told).
   */
  async postback(
    personId: string,
    input: { to: string; title: string; payload: string; referral?: Record<string, unknown> },
  ): Promise<SentByPerson> {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    const tapped = { title: input.title, payload: input.payload };
    const referral = input.referral && referralDetails(input.referral, 'SHORTLINK');
    const content: MessageContent = { text: input.title, context: { postback: tapped } };
    return this.deliver(account, personId, content, async (_tx, thread, mid, at) =>
      events.postback(thread, mid, { ...tapped, ...(referral && { referral }) }, at),
    );
  }

  private deliver(
    account: AccountRow,
    personId: string,
    content: MessageContent,
    eventOf: (tx: Store, thread: Thread, mid: string, at: number) => Promise<WebhookEvent | undefined>,
  ): Promise<SentByPerson> {
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const { message, conversation } = await recordPersonMessage(tx, account, personId, content, at);
      await this.webhooks.emit(tx, [
        await eventOf(tx, events.threadOf(account, conversation), message.id, at),
      ]);
      return {
        message_id: message.id,
        conversation_id: conversation.id,
        sender_id: conversation.scoped_id,
        recipient_id: account.id,
        timestamp: at,
      };
    });
  }

  /** Following an ig.me / m.me link or an ad into the conversation: reopens the messaging window. */
  async referral(personId: string, input: { to: string; ref: string; source?: string; type?: string }) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    const details = {
      ref: input.ref,
      ...(input.source !== undefined && { source: input.source }),
      ...(input.type !== undefined && { type: input.type }),
    };
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const conversation = await ensureConversation(tx, account, personId, at);
      await tx.conversations.noteActivity(conversation.id, { by: 'person', at });
      const thread = events.threadOf(account, conversation);
      await this.webhooks.emit(tx, [events.referral(thread, referralDetails(details, 'SHORTLINK'), at)]);
      return {
        conversation_id: conversation.id,
        sender_id: conversation.scoped_id,
        recipient_id: account.id,
        timestamp: at,
      };
    });
  }

  /**
   * Opting in through a plugin (Send to Messenger): the business hears what it was given, and the messaging
   * window opens (spec §6.1). Marketing messages and the checkbox plugin are optins.ts's.
   */
  async optin(
    personId: string,
    input: { to: string; ref?: string; type?: string; payload?: string; title?: string },
  ) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(input.to);
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      const conversation = await ensureConversation(tx, account, personId, at);
      await tx.conversations.noteActivity(conversation.id, { by: 'person', at });
      const details = {
        ...(input.type !== undefined && { type: input.type }),
        ...(input.ref !== undefined && { ref: input.ref }),
        ...(input.payload !== undefined && { payload: input.payload }),
        ...(input.title !== undefined && { title: input.title }),
      };
      await this.webhooks.emit(tx, [events.optin(events.threadOf(account, conversation), details, at)]);
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
    const timestamp = await this.store.transaction(async (tx) => {
      const at = this.clock.now();
      let reacted: { reaction: string; emoji: string } | undefined;
      if (input.action === 'unreact') await tx.reactions.delete(message.id, 'person');
      else {
        reacted = normalizeReaction(input.reaction ?? 'love');
        await tx.reactions.upsert({ message_id: message.id, reactor: 'person', ...reacted, created_at: at });
      }
      // A reaction to a business message reopens the messaging window.
      await tx.conversations.noteActivity(message.conversation_id, { by: 'person', at });
      const thread = await this.threadOf(tx, message);
      await this.webhooks.emit(tx, [events.reaction(thread, message.id, reacted, at)]);
      return at;
    });
    return { success: true, timestamp };
  }

  async see(personId: string, input: { message_id: string }) {
    await this.world.requirePerson(personId);
    const message = await this.messageOfPerson(input.message_id, personId);
    return this.store.transaction(async (tx) => {
      const at = this.clock.now();
      // Locked, so that two reads of the same conversation never move its watermark back.
      const conversation = await tx.conversations.lock(message.conversation_id);
      const watermark = Math.max(message.created_at, conversation?.person_seen_at ?? 0);
      await tx.conversations.update(message.conversation_id, { person_seen_at: watermark });
      const thread = await this.threadOf(tx, message);
      await this.webhooks.emit(tx, [events.read(thread, message.id, watermark, at)]);
      return { success: true, watermark };
    });
  }

  async unsend(messageId: string) {
    const message = await this.liveMessage(messageId);
    await this.store.transaction(async (tx) => {
      const at = this.clock.now();
      if (!(await unsendMessage(tx, message, at))) throw notFound('message', messageId);
      const thread = await this.threadOf(tx, message);
      await this.webhooks.emit(tx, [events.unsent(thread, message.id, message.from_business === 1, at)]);
    });
    return { success: true };
  }

  /** Edits a message's text; the business hears of edits to the person's messages. */
  async edit(messageId: string, text: string) {
    const message = await this.liveMessage(messageId);
    const numEdit = await this.store.transaction(async (tx) => {
      const edits = await editMessage(tx, message, text);
      if (edits === undefined) throw notFound('message', messageId);
      if (message.from_business === 0) {
        const thread = await this.threadOf(tx, message);
        await this.webhooks.emit(tx, [events.edited(thread, message.id, text, edits, this.clock.now())]);
      }
      return edits;
    });
    return { success: true, num_edit: numEdit };
  }

  /** Blocking a business account (or unblocking it): the account's sends to the person answer 551. */
  async block(personId: string, accountId: string, blocked: boolean) {
    await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(accountId);
    const at = this.clock.now();
    await this.store.transaction(async (tx) => {
      await tx.people.ensureScopedId({
        scoped_id: newId.scopedUser(),
        account_id: account.id,
        person_id: personId,
        created_at: at,
      });
      await tx.people.setBlocked(account.id, personId, blocked ? at : null);
    });
    return { success: true, blocked };
  }

  /** The conversation a message belongs to, as webhook events name its two sides. */
  private async threadOf(tx: Store, message: MessageRow): Promise<Thread> {
    const conversation = await tx.conversations.get(message.conversation_id);
    const account = conversation && (await tx.accounts.get(conversation.account_id));
    if (!conversation || !account) throw new Error('message without conversation');
    return events.threadOf(account, conversation);
  }

  private async liveMessage(id: string): Promise<MessageRow> {
    const message = await this.store.messages.get(id);
    if (!message || message.deleted_at !== null) throw notFound('message', id);
    return message;
  }

  /** A message in the conversation between this person and the business account. */
  private async messageInConversation(mid: string, personId: string, accountId: string): Promise<MessageRow> {
    const message = await this.messageOfPerson(mid, personId);
    const conversation = await this.store.conversations.get(message.conversation_id);
    if (conversation?.account_id !== accountId) {
      throw new GraphError('sandboxInvalidRequest', { detail: `Message ${mid} is not in this conversation` });
    }
    return message;
  }

  /** A live message in one of this person's conversations. */
  private async messageOfPerson(mid: string, personId: string): Promise<MessageRow> {
    const message = await this.store.messages.get(mid);
    const conversation = message && (await this.store.conversations.get(message.conversation_id));
    if (!message || message.deleted_at !== null || conversation?.person_id !== personId)
      throw notFound('message', mid);
    return message;
  }
}
