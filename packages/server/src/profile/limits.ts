/**
 * The Messenger Profile API as data (Meta's reference, and its Instagram pages): which properties each platform
 * takes, what DELETE may name, and the limits each property's parts have.
 */
import type { Platform } from '../store/schema.ts';

/** The properties a POST sets and a GET answers, per platform, in the order they are checked. */
export const PROFILE_PROPERTIES = {
  messenger: [
    'get_started',
    'greeting',
    'ice_breakers',
    'persistent_menu',
    'whitelisted_domains',
    'account_linking_url',
    'commands',
  ],
  instagram: ['ice_breakers', 'persistent_menu'],
} as const satisfies Record<Platform, readonly string[]>;

export type ProfileProperty = (typeof PROFILE_PROPERTIES)['messenger'][number];

/** Read only: a GET answers it, nothing sets it. */
export const READ_ONLY_PROPERTIES = {
  messenger: ['subject_to_new_eu_privacy_rules'],
  instagram: [],
} as const;

/**
 * What Meta's "Requires one of the params" lists, per platform: Messenger's as the live API answers it (without
 * `greeting`, which its reference still documents); Instagram's the two properties it takes.
 */
export const REQUIRED_ONE_OF: Readonly<Record<Platform, string>> = {
  messenger:
    'get_started,persistent_menu,whitelisted_domains,account_linking_url,home_url,ice_breakers,platform,description,commands',
  instagram: 'ice_breakers,persistent_menu',
};

/** What DELETE's `fields` may name (Meta's enum; retired ones are accepted and remove nothing). */
export const DELETABLE_FIELDS = [
  'account_linking_url',
  'commands',
  'description',
  'get_started',
  'greeting',
  'home_url',
  'ice_breakers',
  'payment_settings',
  'persistent_menu',
  'platform',
  'subject_to_new_eu_privacy_rules',
  'target_audience',
  'title',
  'whitelisted_domains',
] as const;

export const PROFILE_LIMITS = {
  /** A postback's payload (Get Started, ice breakers, menu items). */
  payloadCharacters: 1000,
  greetingCharacters: 160,
  /** Top-level persistent menu items, since nested menus went (v8.0). */
  menuItems: 20,
  menuTitleCharacters: 30,
  /** Ice breaker questions per locale. */
  iceBreakers: 4,
  questionCharacters: 80,
  whitelistedDomains: 50,
  commands: 100,
  commandNameCharacters: 32,
  commandDescriptionCharacters: 64,
} as const;

export const WEBVIEW_HEIGHT_RATIOS = ['compact', 'tall', 'full'] as const;
export const WEBVIEW_SHARE_BUTTONS = ['hide', 'show'] as const;
