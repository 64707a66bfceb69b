/**
 * Logging in and token lifecycles (spec §11): Facebook Login's `/oauth/access_token`, Instagram Login's
 * api.instagram.com, `/debug_token`, revoked grants and Standard Access. A part of the one catalogue in
 * error-catalogue.ts, kept apart only for length. Entries answered on api.instagram.com (`instagramLogin…`)
 * are written in that host's own envelope, `{"error_type","code","error_message"}`, with `code` the HTTP status.
 */
import type { ErrorSpec } from './error-spec.ts';

export const LOGIN_ERRORS = {
  oauthInvalidClientId: {
    code: 101,
    type: 'OAuthException',
    status: 400,
    message: 'Error validating application. Invalid application ID.',
  },
  oauthInvalidClientSecret: {
    code: 1,
    type: 'OAuthException',
    status: 400,
    message: 'Error validating client secret.',
  },
  oauthMissingParameter: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: 'Missing {name} parameter.',
  },
  oauthUnsupportedGrantType: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: 'Unsupported grant_type: {grantType}',
  },
  oauthInvalidCode: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: 'Invalid verification code format.',
  },
  oauthCodeExpired: {
    code: 100,
    subcode: 36007,
    type: 'OAuthException',
    status: 400,
    message: 'This authorization code has expired.',
  },
  oauthRedirectUriMismatch: {
    code: 100,
    subcode: 36008,
    type: 'OAuthException',
    status: 400,
    message:
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
  },
  oauthCodeUsed: {
    code: 100,
    subcode: 36009,
    type: 'OAuthException',
    status: 400,
    message: 'This authorization code has been used.',
  },
  revokedAccessToken: {
    code: 190,
    subcode: 458,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Error validating access token: The user has not authorized application {appId}.',
    wwwAuthenticate: 'invalid_token',
  },
  tokenNotRefreshable: {
    code: 190,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Error validating access token: Only long-lived tokens at least 24 hours old can be refreshed.',
    wwwAuthenticate: 'invalid_token',
  },
  tokenNotExchangeable: {
    code: 190,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Error validating access token: Only short-lived user tokens can be exchanged.',
    wwwAuthenticate: 'invalid_token',
  },
  standardAccessUnsupported: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: 'Unsupported request - method type: {method}',
    wwwAuthenticate: 'invalid_request',
  },
  debugTokenAppTokenRequired: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message:
      '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
    wwwAuthenticate: 'invalid_request',
  },
  instagramLoginInvalidClient: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Invalid platform app',
  },
  instagramLoginInvalidSecret: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Error validating client secret.',
  },
  instagramLoginInvalidGrantType: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Invalid grant_type: {grantType}',
  },
  instagramLoginMissingParameter: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Missing required field {name}',
  },
  instagramLoginCodeNotFound: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Matching code was not found or was already used.',
  },
  instagramLoginCodeUsed: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'This authorization code has been used',
  },
  instagramLoginCodeExpired: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'This authorization code has expired',
  },
  instagramLoginRedirectUriMismatch: {
    code: 400,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message:
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
  },
} as const satisfies Record<string, ErrorSpec>;
