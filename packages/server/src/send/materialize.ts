/**
 * Turns a checked outgoing message into what is stored: media fetched (outside any transaction) into new
 * assets, posts and stickers resolved, templates and quick replies kept for rendering and webhooks.
 */
import { GraphError, type MessageTemplate } from '@parley/protocol';
import { newId } from '../graph/ids.ts';
import type { MessageContent, Share, StoredAttachment } from '../messaging/message-content.ts';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, MediaAssetRow, Platform } from '../store/schema.ts';
import { obtainMedia } from './media/media-assets.ts';
import { fromCatalog } from './templates/product.ts';
import type { OutgoingMessage } from './outgoing-message.ts';
import { LIKE_HEART_PNG } from './stickers.ts';

export interface Materialized {
  readonly content: MessageContent;
  /** Assets to insert with the message. */
  readonly newAssets: readonly MediaAssetRow[];
  /** The new asset a URL sent with `is_reusable: true` became, which the answer names (spec §5.3). */
  readonly reusableId?: string;
}

function stored(asset: MediaAssetRow, type: StoredAttachment['type']): StoredAttachment {
  return {
    id: asset.id,
    type,
    url: '',
    asset_id: asset.id,
    mime_type: asset.mime_type,
    size: asset.size,
    ...(asset.name && { name: asset.name }),
  };
}

function heart(accountId: string, now: number): MediaAssetRow {
  return {
    id: newId.attachment(),
    account_id: accountId,
    attachment_type: 'image',
    mime_type: 'image/png',
    size: LIKE_HEART_PNG.length,
    name: 'like_heart.png',
    bytes: LIKE_HEART_PNG,
    reusable: 0,
    created_at: now,
    expires_at: null,
  };
}

export async function materialize(
  message: OutgoingMessage,
  account: AccountRow,
  platform: Platform,
  ctx: GraphContext,
): Promise<Materialized> {
  const attachments: StoredAttachment[] = [];
  const shares: Share[] = [];
  const newAssets: MediaAssetRow[] = [];
  const reusable: string[] = [];
  let template: MessageTemplate | undefined;
  const media = {
    store: ctx.store,
    accountId: account.id,
    platform,
    now: ctx.now,
    fetcher: ctx.mediaFetcher,
  };

  // Fetch one at a time: a failing URL stops the send before others are fetched.
  for (const a of message.attachments) {
    switch (a.kind) {
      case 'media': {
        const asset = await obtainMedia(a, media);
        if (a.attachmentId === undefined) newAssets.push(asset);
        if (a.attachmentId === undefined && a.reusable) reusable.push(asset.id);
        attachments.push(stored(asset, a.type));
        break;
      }
      case 'like_heart': {
        const asset = heart(account.id, ctx.now);
        newAssets.push(asset);
        attachments.push(stored(asset, 'sticker'));
        break;
      }
      case 'media_share': {
        const post = /^\d+$/.test(a.postId) ? await ctx.store.posts.get(a.postId) : undefined;
        // The business can share only its own posts.
        if (!post || post.account_id !== account.id) throw new GraphError('invalidMessageData');
        shares.push({ link: post.permalink, id: post.id });
        break;
      }
      case 'template': {
        template =
          a.template.template_type === 'product'
            ? await fromCatalog(a.template, account, ctx.store)
            : a.template;
        // A media template's attachment id names an asset of the account, of its media type.
        const element = template.template_type === 'media' ? template.elements[0] : undefined;
        if (element?.attachment_id !== undefined) {
          const source = { type: element.media_type, attachmentId: element.attachment_id, reusable: false };
          attachments.push(stored(await obtainMedia(source, media), element.media_type));
        }
      }
    }
  }

  const context = {
    ...(template && { template }),
    ...(message.quickReplies && { quick_replies: message.quickReplies.map((q) => ({ ...q })) }),
    ...(message.metadata !== undefined && { metadata: message.metadata }),
  };
  return {
    newAssets,
    // Only a single attachment's id is answered: Meta's answer has room for one.
    ...(reusable.length === 1 && message.attachments.length === 1 && { reusableId: reusable[0] }),
    content: {
      ...(message.text !== undefined && { text: message.text }),
      ...(attachments.length && { attachments }),
      ...(shares.length && { shares }),
      context,
    },
  };
}
