/**
 * The image grid template (Messenger): one element of 2 to 6 images, each with an optional tap action (a URL
 * or a postback), at most one of them the hero, and an optional title, subtitle and up to 3 URL or
 * postback buttons.
 */
import { GraphError, type GridImageAction, type ImageGridTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { readButtons, URL_AND_POSTBACK } from './buttons.ts';
import {
  defined,
  object,
  optionalBoolean,
  optionalObject,
  optionalText,
  requiredEnum,
  requiredList,
  requiredUrl,
  ROOT,
} from './fields.ts';

const refuse = (detail: string) => new GraphError('invalidParameter', { detail });

function action(image: Json, name: string): GridImageAction | undefined {
  const a = optionalObject(image, 'action', name);
  if (!a) return undefined;
  const type = requiredEnum(a, 'type', `${name}[type]`, ['web_url', 'postback']);
  const other = type === 'web_url' ? 'payload' : 'url';
  if (a[other] !== undefined && a[other] !== null) {
    throw refuse(`Param ${name}[${other}] is not allowed for a ${type} action`);
  }
  if (type === 'web_url') return { type, url: requiredUrl(a, 'url', `${name}[url]`) };
  const payload = optionalText(a, 'payload', `${name}[payload]`, { max: TEMPLATE_LIMITS.payloadCharacters });
  if (payload === undefined) throw new GraphError('parameterRequired', { name: `${name}[payload]` });
  return { type, payload };
}

function images(e: Json, name: string): ImageGridTemplate['elements'][0]['images'] {
  const list = requiredList(e, 'images', name, TEMPLATE_LIMITS.gridImages).map((raw, i) => {
    const image = object(raw, `${name}[${i}]`);
    return defined({
      url: requiredUrl(image, 'url', `${name}[${i}][url]`),
      is_hero_image: optionalBoolean(image, 'is_hero_image', `${name}[${i}][is_hero_image]`),
      action: action(image, `${name}[${i}][action]`),
    });
  });
  if (list.filter((image) => image.is_hero_image).length > 1) {
    throw refuse(`Only one image of ${name} can have is_hero_image set to true`);
  }
  return list;
}

export function readImageGrid(payload: Json): ImageGridTemplate {
  const name = `${ROOT}[elements]`;
  const [only] = requiredList(payload, 'elements', name, { min: 1, max: 1 });
  const e = object(only, `${name}[0]`);
  const element = defined({
    images: images(e, `${name}[0][images]`),
    title: optionalText(e, 'title', `${name}[0][title]`, { max: TEMPLATE_LIMITS.gridTitleCharacters }),
    subtitle: optionalText(e, 'subtitle', `${name}[0][subtitle]`, {
      max: TEMPLATE_LIMITS.subtitleCharacters,
    }),
    buttons: readButtons(e, `${name}[0]`, URL_AND_POSTBACK),
  });
  return { template_type: 'image_grid', elements: [element] };
}
