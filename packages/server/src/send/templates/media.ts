/**
 * The media template (Messenger): one image or video, by an attachment id from the Attachment Upload API or
 * by a Facebook URL (Meta takes no other URL), with up to 3 buttons. The attachment is resolved when the
 * message is stored (materialize.ts).
 */
import { GraphError, type MediaElement, type MediaTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import type { Platform } from '../../store/schema.ts';
import { buttonTypesFor, readButtons } from './buttons.ts';
import {
  defined,
  object,
  optionalBoolean,
  optionalText,
  optionalUrl,
  requiredEnum,
  requiredList,
  ROOT,
} from './fields.ts';

/** facebook.com and its subdomains (www., business., m., web.): where Meta keeps Pages' photos and videos. */
function isFacebookUrl(text: string): boolean {
  const host = new URL(text).hostname.toLowerCase();
  return host === 'facebook.com' || host.endsWith('.facebook.com');
}

function element(raw: unknown, name: string, platform: Platform): MediaElement {
  const e = object(raw, name);
  const mediaType = requiredEnum(e, 'media_type', `${name}[media_type]`, ['image', 'video']);
  const url = optionalUrl(e, 'url', `${name}[url]`);
  const attachmentId = optionalText(e, 'attachment_id', `${name}[attachment_id]`);
  if (url !== undefined && attachmentId !== undefined) {
    throw new GraphError('invalidParameter', {
      detail: `Only one of ${name}[url] and ${name}[attachment_id] can be set`,
    });
  }
  if (url === undefined && attachmentId === undefined) {
    throw new GraphError('parameterRequired', { name: `${name}[attachment_id]` });
  }
  // Meta answers other URLs as it answers a template it does not take (see docs/differences-from-meta.md).
  if (url !== undefined && !isFacebookUrl(url)) throw new GraphError('unsupportedTemplateType');
  return defined({
    media_type: mediaType,
    url,
    attachment_id: attachmentId,
    buttons: readButtons(e, name, buttonTypesFor(platform)),
  });
}

export function readMedia(payload: Json, platform: Platform): MediaTemplate {
  const name = `${ROOT}[elements]`;
  const [only] = requiredList(payload, 'elements', name, { min: 1, max: 1 });
  return defined({
    template_type: 'media' as const,
    elements: [element(only, `${name}[0]`, platform)] as const,
    sharable: optionalBoolean(payload, 'sharable', `${ROOT}[sharable]`),
  });
}
