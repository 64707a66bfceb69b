/**
 * Every error Parley answers, as data: Meta's code, subcode, exception type, HTTP status and message.
 * `docs/errors.md` mirrors this table; a test keeps the two in step, both ways.
 * Messages are templates: `{name}` is filled from the error's parameters.
 */

import type { ErrorSpec } from './error-spec.ts';
import { SEND_ERRORS } from './send-errors.ts';
import { LOGIN_ERRORS } from './login-errors.ts';
import { RECIPIENT_ERRORS } from './recipient-errors.ts';
import { PROFILE_ERRORS } from './profile-errors.ts';
import { ROUTING_ERRORS } from './routing-errors.ts';

export type * from './error-spec.ts';

const RATE_LIMIT = '(#613) Calls to this api have exceeded the rate limit.';

const UNSUPPORTED_REQUEST =
  "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, " +
  'or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';

export const ERROR_CATALOGUE = {
  unknownError: {
    code: 1,
    type: 'OAuthException',
    status: 500,
    message: 'An unknown error occurred.',
    transient: true,
  },
  serviceUnavailable: {
    code: 2,
    type: 'OAuthException',
    status: 503,
    message: 'An unexpected error has occurred. Please retry your request later.',
    transient: true,
  },
  accessTokenRequired: {
    code: 104,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'An access token is required to request this resource.',
    wwwAuthenticate: 'invalid_request',
  },
  activeTokenRequiredForMe: {
    code: 2500,
    type: 'OAuthException',
    status: 400,
    message: 'An active access token must be used to query information about the current user.',
    wwwAuthenticate: 'invalid_request',
  },
  invalidAccessToken: {
    code: 190,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Invalid OAuth access token - Cannot parse access token',
    wwwAuthenticate: 'invalid_token',
  },
  expiredAccessToken: {
    code: 190,
    subcode: 463,
    type: 'OAuthException',
    instagramType: 'OAuthException',
    status: 400,
    message: 'Error validating access token: Session has expired on {expiredAt}. The current time is {now}.',
    wwwAuthenticate: 'invalid_token',
  },
  invalidAppsecretProof: {
    code: 100,
    type: 'GraphMethodException',
    status: 400,
    message: 'Invalid appsecret_proof provided in the API argument',
    wwwAuthenticate: 'invalid_request',
  },
  unsupportedRequest: {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    status: 400,
    message: UNSUPPORTED_REQUEST,
    wwwAuthenticate: 'invalid_request',
  },
  unknownPathComponents: {
    code: 2500,
    type: 'OAuthException',
    status: 400,
    message: 'Unknown path components: {path}',
    wwwAuthenticate: 'invalid_request',
  },
  nonexistingField: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Tried accessing nonexisting field ({field}) on node type ({node})',
    wwwAuthenticate: 'invalid_request',
  },
  fieldsSyntaxError: {
    code: 2500,
    type: 'OAuthException',
    status: 400,
    message: 'Syntax error "{detail}" at character {position}: {fields}',
    wwwAuthenticate: 'invalid_request',
  },
  invalidParameter: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) {detail}',
    wwwAuthenticate: 'invalid_request',
  },
  invalidCursor: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) The {cursor} Cursor specified is invalid',
    wwwAuthenticate: 'invalid_request',
  },
  missingPermission: {
    code: 200,
    type: 'OAuthException',
    status: 403,
    message: '(#200) Requires {permission} permission to manage the object',
    wwwAuthenticate: 'invalid_request',
  },
  applicationLacksPermission: {
    code: 10,
    type: 'OAuthException',
    status: 403,
    message: '(#10) Application does not have permission for this action',
    wwwAuthenticate: 'invalid_request',
  },
  messageDeleted: {
    code: 9000001,
    type: 'OAuthException',
    status: 400,
    message: 'This Message has been deleted by the user or the business.',
  },
  userConsentRequired: {
    code: 230,
    type: 'OAuthException',
    status: 400,
    message: 'User consent is required to access user profile',
  },
  pageNotLinkedToInstagram: {
    code: 100,
    subcode: 2534013,
    type: 'OAuthException',
    status: 400,
    message: 'The page is not linked to an Instagram account',
  },
  parameterRequired: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) The parameter {name} is required',
  },
  ...SEND_ERRORS,
  ...RECIPIENT_ERRORS,
  ...PROFILE_ERRORS,
  ...ROUTING_ERRORS,
  ...LOGIN_ERRORS,
  rateLimited: {
    code: 613,
    type: 'OAuthException',
    status: 400,
    message: RATE_LIMIT,
    transient: true,
  },
  instagramRateLimited: {
    code: 613,
    subcode: 2534040,
    type: 'OAuthException',
    status: 400,
    message: RATE_LIMIT,
    transient: true,
  },
  messengerRateLimited: {
    code: 80006,
    type: 'OAuthException',
    status: 400,
    message:
      '(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
    transient: true,
  },
  appRateLimited: {
    code: 4,
    type: 'OAuthException',
    status: 400,
    message: '(#4) Application request limit reached',
    transient: true,
  },
  appTokenRequired: {
    code: 15,
    type: 'OAuthException',
    status: 400,
    message: '(#15) This method must be called with an app access_token.',
  },
  callbackVerificationFailed: {
    code: 2200,
    type: 'OAuthException',
    status: 400,
    message: '(#2200) Callback verification failed with the following errors: {detail}',
  },
  batchTooLarge: {
    code: 1,
    type: 'GraphBatchException',
    instagramType: 'GraphBatchException',
    status: 400,
    message: 'Too many requests in batch message. Maximum batch size is 50',
  },
  requestTooLarge: {
    code: 1,
    type: 'OAuthException',
    status: 413,
    message: 'The request body is larger than this endpoint takes ({limit} bytes)',
  },
  batchNested: {
    code: 1,
    type: 'GraphBatchException',
    instagramType: 'GraphBatchException',
    status: 400,
    message: 'A batch request cannot contain another batch request',
  },
  sandboxInvalidRequest: {
    code: 100,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 400,
    message: '{detail}',
  },
  sandboxNotFound: {
    code: 100,
    subcode: 33,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 404,
    message: '{detail}',
  },
  sandboxConflict: {
    code: 100,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 409,
    message: '{detail}',
  },
  sandboxUnauthorized: {
    code: 190,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 401,
    message: 'The sandbox control plane requires the admin token as "Authorization: Bearer <token>".',
  },
  sandboxCrossSite: {
    code: 100,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 403,
    message: '{detail}',
  },
  sandboxMediaType: {
    code: 100,
    type: 'ParleySandboxException',
    instagramType: 'ParleySandboxException',
    status: 415,
    message: '{detail}',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKey = keyof typeof ERROR_CATALOGUE;
