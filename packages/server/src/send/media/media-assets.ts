/**
 * Turns what a business sends (a URL, an attachment id, a file upload) into a stored asset of the right
 * type: fetched, sniffed, checked against Meta's formats and sizes, saved.
 */
import { GraphError } from '@parley/protocol';
import { newId } from '../../graph/ids.ts';
import type { MediaAssetRow, Platform } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { sendLimits, type MediaType } from '@parley/protocol';
import { REUSABLE_ATTACHMENT_MS } from '../limits.ts';
import type { MediaFetcher } from '../../outbound/media-fetcher.ts';
import { sniff } from './sniff.ts';

/** A file sent in the request itself (multipart `filedata`). */
export interface UploadedFile {
  readonly bytes: Buffer;
  readonly name: string;
}

export interface MediaSource {
  readonly type: MediaType;
  readonly url?: string;
  readonly attachmentId?: string;
  readonly upload?: UploadedFile;
  readonly reusable: boolean;
}

/** The file a multipart request carries as `filedata`, or undefined when it carries none. */
export async function uploadedFile(value: unknown): Promise<UploadedFile | undefined> {
  if (!(value instanceof Blob)) return undefined;
  return {
    bytes: Buffer.from(await value.arrayBuffer()),
    name: value instanceof File && value.name !== '' ? value.name : 'attachment',
  };
}

export interface MediaContext {
  readonly store: Store;
  readonly accountId: string;
  readonly platform: Platform;
  readonly now: number;
  /** Fetches media URLs (from the targets the operator allows). */
  readonly fetcher: MediaFetcher;
}

/** Checks bytes against the attachment type: 2018109 when too large, 2534015 (Instagram) or 2018047 otherwise. */
export function checkMedia(type: MediaType, bytes: Buffer, platform: Platform): { mime: string } {
  const limits = sendLimits(type);
  if (bytes.length > limits.maxBytes) throw new GraphError('mediaTooLarge');
  const found = sniff(bytes);
  if (!found || !limits.formats.includes(found.format)) {
    throw new GraphError(platform === 'instagram' ? 'invalidMessageData' : 'mediaUploadFailed');
  }
  // An mp4 sent as audio is audio.
  return { mime: type === 'audio' && found.format === 'mp4' ? 'audio/mp4' : found.mime };
}

async function reuse(source: MediaSource, ctx: MediaContext): Promise<MediaAssetRow> {
  const asset = await ctx.store.media.get(source.attachmentId!);
  const usable =
    asset &&
    asset.account_id === ctx.accountId &&
    asset.reusable === 1 &&
    (asset.expires_at === null || asset.expires_at > ctx.now);
  if (!usable) throw new GraphError('attachmentNotOwned');
  if (asset.attachment_type !== source.type)
    throw new GraphError(ctx.platform === 'instagram' ? 'invalidMessageData' : 'mediaUploadFailed');
  return asset;
}

/** The asset a source names: an existing reusable one, or a new one from a URL or an upload. */
export async function obtainMedia(source: MediaSource, ctx: MediaContext): Promise<MediaAssetRow> {
  if (source.attachmentId !== undefined) return reuse(source, ctx);
  const { bytes, name } =
    source.upload ?? (await ctx.fetcher.fetch(source.url!, sendLimits(source.type).maxBytes));
  const { mime } = checkMedia(source.type, bytes, ctx.platform);
  return {
    id: newId.attachment(),
    account_id: ctx.accountId,
    attachment_type: source.type,
    mime_type: mime,
    size: bytes.length,
    name,
    bytes,
    reusable: source.reusable ? 1 : 0,
    created_at: ctx.now,
    expires_at: source.reusable ? ctx.now + REUSABLE_ATTACHMENT_MS : null,
  };
}
