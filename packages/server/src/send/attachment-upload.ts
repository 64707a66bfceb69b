/**
 * `POST /{ig-id|page-id|me}/message_attachments` (spec §5.10): upload media by URL or as a multipart file
 * (`filedata`) and get a reusable `attachment_id`, valid for 90 days.
 */
import { GraphError } from '@parley/protocol';
import { requireMessagingPermission } from '../core/access.ts';
import type { GraphContext } from '../core/context.ts';
import type { AccountRow, Platform } from '../store/schema.ts';
import { isMediaType, MEDIA_TYPES } from '@parley/protocol';
import { obtainMedia, uploadedFile } from './media/media-assets.ts';
import { enumParam, expandBrackets, objectParam, type Params } from '../core/params.ts';

/** The account an upload belongs to: a Page's linked Instagram account with `platform=instagram`. */
function owner(
  sender: AccountRow,
  params: Params,
  ctx: GraphContext,
): { account: AccountRow; platform: Platform } {
  if (sender.type === 'instagram') return { account: sender, platform: 'instagram' };
  const platform = enumParam(params, 'platform', ['instagram', 'messenger'] as const) ?? 'messenger';
  if (platform === 'messenger') return { account: sender, platform };
  const linked = ctx.auth.accounts.find((a) => a.id === sender.instagram_account_id);
  if (!linked) throw new GraphError('pageNotLinkedToInstagram');
  return { account: linked, platform };
}

export async function uploadAttachment(
  sender: AccountRow,
  ctx: GraphContext,
  rawParams: Params,
): Promise<{ attachment_id: string }> {
  const params = expandBrackets(rawParams);
  const { account, platform } = owner(sender, params, ctx);
  requireMessagingPermission(ctx, platform);
  const message = objectParam(params, 'message');
  const attachment = message?.attachment as Record<string, unknown> | undefined;
  if (!attachment) throw new GraphError('parameterRequired', { name: 'message[attachment]' });
  const type = String(attachment.type ?? '').toLowerCase();
  if (!isMediaType(type)) {
    const allowed = MEDIA_TYPES.map((t) => t.toUpperCase()).join(', ');
    throw new GraphError('invalidParameter', {
      detail: `Param message[attachment][type] must be one of {${allowed}} - got "${String(attachment.type ?? '')}"`,
    });
  }
  const payload = (attachment.payload ?? {}) as Record<string, unknown>;
  const upload = await uploadedFile(rawParams.filedata);
  const url = typeof payload.url === 'string' && payload.url !== '' ? payload.url : undefined;
  if (!upload && !url)
    throw new GraphError('parameterRequired', { name: 'message[attachment][payload][url]' });
  const asset = await obtainMedia(
    { type, ...(upload ? { upload } : { url }), reusable: true },
    {
      store: ctx.store,
      accountId: account.id,
      platform,
      now: ctx.now,
      fetcher: ctx.mediaFetcher,
    },
  );
  await ctx.store.media.insert(asset);
  return { attachment_id: asset.id };
}
