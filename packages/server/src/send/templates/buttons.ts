/**
 * Template buttons (Meta's Buttons reference) and the URL action a generic element opens when tapped.
 * Instagram takes URL and postback buttons only; Messenger also calls, logs in and out, and plays games.
 */
import {
  BUTTON_TYPES,
  GraphError,
  type ButtonType,
  type TemplateButton,
  type UrlAction,
} from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import type { Platform } from '../../store/schema.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import {
  checkUrl,
  defined,
  object,
  optionalBoolean,
  optionalEnum,
  optionalList,
  optionalObject,
  optionalText,
  optionalUrl,
  requiredText,
  requiredUrl,
} from './fields.ts';

export const URL_AND_POSTBACK: readonly ButtonType[] = ['web_url', 'postback'];

/** The buttons a template may carry on a platform. */
export function buttonTypesFor(platform: Platform): readonly ButtonType[] {
  return platform === 'instagram' ? URL_AND_POSTBACK : BUTTON_TYPES;
}

const absent = (value: unknown) => value === undefined || value === null;

/** A button's title: absent answers 2018053, as Graph does, before its other checks. */
function title(b: Json, name: string): string {
  if (absent(b.title)) throw new GraphError('emptyButtonTitle');
  return requiredText(b, 'title', `${name}[title]`, { max: TEMPLATE_LIMITS.buttonTitleCharacters });
}

/** What a URL opens in, shared by URL buttons and default actions. */
function webview(raw: Json, name: string) {
  return {
    webview_height_ratio: optionalEnum(raw, 'webview_height_ratio', `${name}[webview_height_ratio]`, [
      'compact',
      'tall',
      'full',
    ]),
    messenger_extensions: optionalBoolean(raw, 'messenger_extensions', `${name}[messenger_extensions]`),
    fallback_url: optionalUrl(raw, 'fallback_url', `${name}[fallback_url]`),
    webview_share_button: optionalEnum(raw, 'webview_share_button', `${name}[webview_share_button]`, [
      'hide',
      'show',
    ]),
  };
}

function webUrl(b: Json, name: string): string {
  const url = optionalText(b, 'url', `${name}[url]`);
  if (url === undefined) throw new GraphError('emptyWebUrl');
  return checkUrl(url, `${name}[url]`);
}

const PHONE = /^\+[1-9]\d{6,14}$/;

function button(raw: unknown, name: string, types: readonly ButtonType[]): TemplateButton {
  const b = object(raw, name);
  if (absent(b.type) || b.type === '') throw new GraphError('parameterRequired', { name: `${name}[type]` });
  const type = optionalEnum(b, 'type', `${name}[type]`, types)!;
  switch (type) {
    case 'web_url':
      return defined({ type, title: title(b, name), url: webUrl(b, name), ...webview(b, name) });
    case 'postback': {
      const buttonTitle = title(b, name);
      const payload = optionalText(b, 'payload', `${name}[payload]`, {
        max: TEMPLATE_LIMITS.payloadCharacters,
      });
      if (payload === undefined) throw new GraphError('emptyPostbackPayload');
      return { type, title: buttonTitle, payload };
    }
    case 'phone_number': {
      const buttonTitle = title(b, name);
      const payload = requiredText(b, 'payload', `${name}[payload]`);
      if (!PHONE.test(payload.replace(/[\s()-]/g, ''))) {
        throw new GraphError('invalidParameter', {
          detail: `Param ${name}[payload] must be a phone number starting with + and the country code`,
        });
      }
      return { type, title: buttonTitle, payload };
    }
    case 'account_link': {
      const url = requiredUrl(b, 'url', `${name}[url]`);
      if (!url.startsWith('https:')) {
        throw new GraphError('invalidParameter', { detail: `Param ${name}[url] must use HTTPS` });
      }
      return { type, url };
    }
    case 'account_unlink':
      return { type };
    case 'game_play': {
      const metadata = optionalObject(b, 'game_metadata', `${name}[game_metadata]`);
      return defined({
        type,
        title: title(b, name),
        payload: optionalText(b, 'payload', `${name}[payload]`, { max: TEMPLATE_LIMITS.payloadCharacters }),
        game_metadata: metadata
          ? defined({
              player_id: optionalText(metadata, 'player_id', `${name}[game_metadata][player_id]`),
              context_id: optionalText(metadata, 'context_id', `${name}[game_metadata][context_id]`),
            })
          : undefined,
      });
    }
  }
}

/** A template's buttons: absent is none; present, 1 to 3 (`[]` answers code 194, as Graph does). */
export function readButtons(
  parent: Json,
  name: string,
  types: readonly ButtonType[],
  max: number = TEMPLATE_LIMITS.buttons,
): TemplateButton[] | undefined {
  const listName = `${name}[buttons]`;
  const list = optionalList(parent, 'buttons', listName, { min: 1, max });
  return list?.map((b, i) => button(b, `${listName}[${i}]`, types));
}

/** A generic element's `default_action`: a URL button without a title. */
export function readUrlAction(parent: Json, name: string): UrlAction | undefined {
  const raw = optionalObject(parent, 'default_action', name);
  if (!raw) return undefined;
  optionalEnum(raw, 'type', `${name}[type]`, ['web_url']);
  return defined({ type: 'web_url' as const, url: webUrl(raw, name), ...webview(raw, name) });
}
