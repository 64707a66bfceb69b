/** The generic and button templates, on both platforms (spec §5.6). */
import { GraphError, type ButtonTemplate, type GenericElement, type GenericTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import type { Platform } from '../../store/schema.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { buttonTypesFor, readButtons, readUrlAction } from './buttons.ts';
import {
  defined,
  object,
  optionalBoolean,
  optionalEnum,
  optionalText,
  optionalUrl,
  requiredList,
  requiredText,
  ROOT,
} from './fields.ts';

function element(raw: unknown, name: string, platform: Platform): GenericElement {
  const e = object(raw, name);
  if (e.title === undefined || e.title === null) throw new GraphError('incompleteTemplateElement');
  const title = requiredText(e, 'title', `${name}[title]`, { max: TEMPLATE_LIMITS.titleCharacters });
  const subtitle = optionalText(e, 'subtitle', `${name}[subtitle]`, {
    max: TEMPLATE_LIMITS.subtitleCharacters,
  });
  const imageUrl = optionalUrl(e, 'image_url', `${name}[image_url]`);
  const buttons = readButtons(e, name, buttonTypesFor(platform));
  // "Title and at least one other field (image url, subtitle or buttons)": a default action is not one.
  if (subtitle === undefined && imageUrl === undefined && buttons === undefined) {
    throw new GraphError('incompleteTemplateElement');
  }
  return defined({
    title,
    subtitle,
    image_url: imageUrl,
    default_action: readUrlAction(e, `${name}[default_action]`),
    buttons,
  });
}

export function readGeneric(payload: Json, platform: Platform): GenericTemplate {
  const name = `${ROOT}[elements]`;
  const elements = requiredList(payload, 'elements', name, { min: 1, max: TEMPLATE_LIMITS.elements });
  return defined({
    template_type: 'generic' as const,
    elements: elements.map((e, i) => element(e, `${name}[${i}]`, platform)),
    image_aspect_ratio: optionalEnum(payload, 'image_aspect_ratio', `${ROOT}[image_aspect_ratio]`, [
      'horizontal',
      'square',
    ]),
    sharable: optionalBoolean(payload, 'sharable', `${ROOT}[sharable]`),
  });
}

export function readButtonTemplate(payload: Json, platform: Platform): ButtonTemplate {
  const text = requiredText(payload, 'text', `${ROOT}[text]`, {
    max: TEMPLATE_LIMITS.buttonTemplateTextCharacters,
  });
  const name = `${ROOT}[buttons]`;
  if (payload.buttons === undefined || payload.buttons === null)
    throw new GraphError('parameterRequired', { name });
  // Graph words an empty list here as it does for no other template.
  if (Array.isArray(payload.buttons) && payload.buttons.length === 0) {
    throw new GraphError('invalidParameter', { detail: `param ${name} must be non-empty.` });
  }
  return defined({
    template_type: 'button' as const,
    text,
    buttons: readButtons(payload, ROOT, buttonTypesFor(platform))!,
    sharable: optionalBoolean(payload, 'sharable', `${ROOT}[sharable]`),
  });
}
