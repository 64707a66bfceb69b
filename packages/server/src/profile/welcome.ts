/**
 * What a person sees of an account's Messenger profile: the welcome screen until their first message (the
 * greeting, and the Get Started button or the ice breakers) and the persistent menu beside the composer, each
 * in the person's locale where one is set for it, else the default.
 */
import type { Platform } from '../store/schema.ts';
import type { IceBreaker, IceBreakers, LocalizedIceBreakers } from './ice-breakers.ts';
import type { LocalizedMenu, MenuItem } from './persistent-menu.ts';

/** What a Get Started tap posts into the conversation, and its postback's title. */
export const GET_STARTED_TITLE = 'Get Started';

export interface Viewer {
  readonly name: string | null;
  readonly username: string;
  readonly locale: string | null;
}

export interface WelcomeScreen {
  /** Messenger's greeting, personalized for the person. */
  readonly greeting?: string;
  /** Messenger's Get Started button, unless ice breakers are set: they take its place. */
  readonly get_started?: { readonly payload: string };
  readonly ice_breakers?: readonly IceBreaker[];
}

export interface MenuView {
  readonly composer_input_disabled: boolean;
  readonly call_to_actions: readonly MenuItem[];
}

export interface ProfileView {
  /** Null once the person has written (or was written to), or when there is nothing to welcome them with. */
  readonly welcome: WelcomeScreen | null;
  /** Null without a menu; on Messenger also without a Get Started button, which the menu needs. */
  readonly menu: MenuView | null;
}

/** The set for the person's locale, else the default one (an element without a locale is the default). */
function forLocale<S extends { readonly locale?: string }>(
  sets: readonly S[],
  locale: string | null | undefined,
): S | undefined {
  return (
    (locale ? sets.find((set) => set.locale === locale) : undefined) ??
    sets.find((set) => set.locale === undefined || set.locale === 'default')
  );
}

/** Meta's greeting templates, filled with the person's name (the username where they have none). */
function personalize(text: string, viewer: Viewer | undefined): string {
  if (!viewer) return text;
  const full = viewer.name?.trim() || viewer.username;
  const [first = full, ...rest] = full.split(/\s+/);
  return text
    .replaceAll('{{user_first_name}}', first)
    .replaceAll('{{user_last_name}}', rest.join(' '))
    .replaceAll('{{user_full_name}}', full);
}

function questionsFor(stored: IceBreakers | undefined, locale: string | null | undefined) {
  const first = stored?.[0];
  if (!stored || first === undefined) return [];
  if (!('call_to_actions' in first)) return stored as readonly IceBreaker[];
  return forLocale(stored as readonly LocalizedIceBreakers[], locale)?.call_to_actions ?? [];
}

export function profileView(
  stored: ReadonlyMap<string, unknown>,
  platform: Platform,
  viewer: Viewer | undefined,
  firstContact: boolean,
): ProfileView {
  const locale = viewer?.locale;
  const getStarted =
    platform === 'messenger' ? (stored.get('get_started') as { payload: string } | undefined) : undefined;
  let welcome: WelcomeScreen | null = null;
  if (firstContact) {
    const questions = questionsFor(stored.get('ice_breakers') as IceBreakers | undefined, locale);
    const greetings =
      platform === 'messenger'
        ? (stored.get('greeting') as { locale: string; text: string }[] | undefined)
        : undefined;
    const greeting = greetings && forLocale(greetings, locale)?.text;
    const screen: WelcomeScreen = {
      ...(greeting !== undefined && { greeting: personalize(greeting, viewer) }),
      ...(questions.length > 0 ? { ice_breakers: questions } : getStarted && { get_started: getStarted }),
    };
    if (Object.keys(screen).length > 0) welcome = screen;
  }
  const menus = stored.get('persistent_menu') as readonly LocalizedMenu[] | undefined;
  const menu = menus && (platform === 'instagram' || getStarted) ? forLocale(menus, locale) : undefined;
  return {
    welcome,
    menu: menu
      ? {
          composer_input_disabled: menu.composer_input_disabled ?? false,
          call_to_actions: menu.call_to_actions ?? [],
        }
      : null,
  };
}
