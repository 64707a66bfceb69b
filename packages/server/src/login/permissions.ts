/**
 * The permissions each login may ask for (spec §11.1). A scope outside its login's list is refused by the
 * consent page, as Meta's dialog refuses it ("Invalid Scopes").
 */
import type { LoginFamily } from '../store/schema.ts';

const FACEBOOK_LOGIN = [
  'public_profile',
  'email',
  'pages_show_list',
  'pages_messaging',
  'pages_manage_metadata',
  'pages_read_engagement',
  'pages_manage_engagement',
  'pages_user_locale',
  'pages_user_timezone',
  'pages_user_gender',
  'instagram_basic',
  'instagram_manage_messages',
  'instagram_manage_comments',
  'business_management',
] as const;

const INSTAGRAM_LOGIN = [
  'instagram_business_basic',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
] as const;

export const LOGIN_PERMISSIONS: Readonly<Record<LoginFamily, readonly string[]>> = {
  facebook: FACEBOOK_LOGIN,
  instagram: INSTAGRAM_LOGIN,
};

/** Facebook grants `public_profile` with every login, asked for or not. */
const ALWAYS_GRANTED: Readonly<Record<LoginFamily, readonly string[]>> = {
  facebook: ['public_profile'],
  instagram: ['instagram_business_basic'],
};

export interface RequestedScopes {
  readonly scopes: readonly string[];
  /** Names no permission of this login has. */
  readonly invalid: readonly string[];
}

/** A `scope` parameter, comma- or space-separated as clients send it. */
export function readScope(scope: string | undefined, family: LoginFamily): RequestedScopes {
  const names = (scope ?? '').split(/[\s,]+/).filter(Boolean);
  const known = LOGIN_PERMISSIONS[family];
  const scopes = [...new Set([...ALWAYS_GRANTED[family], ...names.filter((n) => known.includes(n))])];
  return { scopes, invalid: names.filter((n) => !known.includes(n)) };
}

/** What the Graph API's permission checks see of a grant, by the kind of token issued from it. */
export function pageTokenScopes(grantScopes: readonly string[]): string[] {
  return grantScopes.filter((s) => s !== 'public_profile' && s !== 'email');
}
