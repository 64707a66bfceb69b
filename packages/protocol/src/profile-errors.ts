/**
 * The Messenger Profile API's refusals (`/{page-id|ig-id|me}/messenger_profile`): a part of the one catalogue
 * in error-catalogue.ts, kept apart only for length. Texts Meta was seen to answer are kept as seen; the others
 * are recorded in docs/differences-from-meta.md.
 */
import type { ErrorSpec } from './error-spec.ts';

export const PROFILE_ERRORS = {
  profilePropertyRequired: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Requires one of the params: {params}',
  },
  invalidKeys: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Invalid keys "{keys}" were found in param "{param}".',
  },
  defaultLocaleRequired: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Param {param} must include an element with "locale": "default"',
  },
  invalidProfileUrl: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) {param} should represent a valid URL',
  },
  getStartedRequired: {
    code: 100,
    subcode: 2018145,
    type: 'OAuthException',
    status: 400,
    message: '(#100) You must set a Get Started button if you also wish to use persistent menu.',
  },
  nestedMenuDeprecated: {
    code: 11,
    type: 'OAuthException',
    status: 400,
    message: '(#11) Setting of Nested Persistent Menu has been deprecated for v8.0 and higher',
  },
} as const satisfies Record<string, ErrorSpec>;
