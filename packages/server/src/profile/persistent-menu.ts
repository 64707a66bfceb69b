/**
 * The persistent menu: per locale (a `default` one required), up to 20 URL and postback items (nested menus went
 * in v8.0). Instagram's has neither `composer_input_disabled` nor `webview_height_ratio`.
 */
import { GraphError } from '@parley/protocol';
import { listParam, oneOf, type Json } from '../core/params.ts';
import type { Platform } from '../store/schema.ts';
import { PROFILE_LIMITS, WEBVIEW_HEIGHT_RATIOS, WEBVIEW_SHARE_BUTTONS } from './limits.ts';
import {
  localeOf,
  objectOf,
  optionalChoice,
  optionalFlag,
  optionalText,
  requireDefaultLocale,
  requiredText,
  urlOf,
} from './shape.ts';
import { listOf } from '../send/templates/fields.ts';

export type MenuItem =
  | {
      readonly type: 'web_url';
      readonly title: string;
      readonly url: string;
      readonly webview_height_ratio?: string;
      readonly messenger_extensions?: boolean;
      readonly fallback_url?: string;
      readonly webview_share_button?: string;
    }
  | { readonly type: 'postback'; readonly title: string; readonly payload: string };

export interface LocalizedMenu {
  readonly locale: string;
  readonly composer_input_disabled?: boolean;
  readonly call_to_actions?: readonly MenuItem[];
}

const ITEM_KEYS = {
  messenger: [
    'type',
    'title',
    'url',
    'payload',
    'webview_height_ratio',
    'messenger_extensions',
    'fallback_url',
    'webview_share_button',
    // Nested menus are refused for their type, not their keys.
    'call_to_actions',
  ],
  instagram: ['type', 'title', 'url', 'payload', 'call_to_actions'],
} as const satisfies Record<Platform, readonly string[]>;

const MENU_KEYS = {
  messenger: ['locale', 'composer_input_disabled', 'call_to_actions'],
  instagram: ['locale', 'call_to_actions'],
} as const satisfies Record<Platform, readonly string[]>;

function webUrlItem(item: Json, param: string, title: string): MenuItem {
  const url = urlOf(requiredText(item, 'url', param), `${param}[url]`);
  const ratio = optionalChoice(item, 'webview_height_ratio', param, WEBVIEW_HEIGHT_RATIOS);
  const extensions = optionalFlag(item, 'messenger_extensions', param);
  const fallback = optionalText(item, 'fallback_url', param);
  if (fallback !== undefined && extensions !== true) {
    throw new GraphError('invalidParameter', {
      detail: `Param ${param}[fallback_url] may only be set when messenger_extensions is true`,
    });
  }
  const share = optionalChoice(item, 'webview_share_button', param, WEBVIEW_SHARE_BUTTONS);
  return {
    type: 'web_url',
    title,
    url,
    ...(ratio && { webview_height_ratio: ratio }),
    ...(extensions !== undefined && { messenger_extensions: extensions }),
    ...(fallback !== undefined && { fallback_url: urlOf(fallback, `${param}[fallback_url]`) }),
    ...(share && { webview_share_button: share }),
  };
}

function menuItem(raw: unknown, param: string, platform: Platform): MenuItem {
  const item = objectOf(raw, param, ITEM_KEYS[platform]);
  const given = String(item.type ?? '');
  if (given.toLowerCase() === 'nested') throw new GraphError('nestedMenuDeprecated');
  const type = oneOf(given, ['web_url', 'postback'], `${param}[type]`);
  if (item.call_to_actions !== undefined)
    throw new GraphError('invalidKeys', { keys: 'call_to_actions', param });
  const title = requiredText(item, 'title', param, PROFILE_LIMITS.menuTitleCharacters);
  if (type === 'web_url') return webUrlItem(item, param, title);
  return { type, title, payload: requiredText(item, 'payload', param, PROFILE_LIMITS.payloadCharacters) };
}

function menu(raw: unknown, param: string, platform: Platform): LocalizedMenu {
  const set = objectOf(raw, param, MENU_KEYS[platform]);
  const locale = localeOf(set, param, true)!;
  const disabled = platform === 'messenger' && optionalFlag(set, 'composer_input_disabled', param) === true;
  const listName = `${param}[call_to_actions]`;
  const items =
    set.call_to_actions === undefined || set.call_to_actions === null
      ? undefined
      : listOf(set.call_to_actions, listName, { max: PROFILE_LIMITS.menuItems }).map((item, i) =>
          menuItem(item, `${listName}[${i}]`, platform),
        );
  // With the composer off, the menu is the only way to write: it needs items.
  if (disabled && !items?.length) throw new GraphError('parameterRequired', { name: listName });
  return {
    locale,
    ...(platform === 'messenger' && { composer_input_disabled: disabled }),
    ...(items && { call_to_actions: items }),
  };
}

export function readPersistentMenu(params: Json, name: string, platform: Platform): readonly LocalizedMenu[] {
  const menus = listOf(listParam(params, name), name, { min: 1 }).map((raw, i) =>
    menu(raw, `${name}[${i}]`, platform),
  );
  requireDefaultLocale(menus, name);
  return menus;
}
