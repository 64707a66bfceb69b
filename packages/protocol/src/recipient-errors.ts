/**
 * The Send API's refusals for special recipients: marketing messages tokens (`notification_messages_token`).
 * A part of the one catalogue in error-catalogue.ts, kept apart only for length.
 */
import type { ErrorSpec } from './error-spec.ts';

export const RECIPIENT_ERRORS = {
  notificationTokenInvalid: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) notification_messages_token is invalid',
  },
  notificationTokenExpired: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) notification_messages_token has expired',
  },
  notificationsStopped: {
    code: 10,
    subcode: 1893015,
    type: 'OAuthException',
    status: 400,
    message: '(#10) This user has currently stopped notification messages for this topic',
  },
  notificationTooSoon: {
    code: 4,
    subcode: 2018354,
    type: 'OAuthException',
    status: 400,
    message: '(#4) There has to be a minimum delay between 2 notifications for the given notification',
  },
} as const satisfies Record<string, ErrorSpec>;
