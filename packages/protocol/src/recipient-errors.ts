/**
 * The Send API's refusals for special recipients: marketing messages tokens (`notification_messages_token`)
 * and private replies (`comment_id`, `post_id`). A part of the one catalogue in error-catalogue.ts, kept apart only for length.
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
  /** Instagram: a comment that cannot be answered privately (now, or any more). */
  invalidPrivateReply: {
    code: 100,
    subcode: 2534025,
    type: 'OAuthException',
    status: 400,
    message: '(#100) The comment is invalid for a private reply',
  },
  /** Messenger: the comment or post was answered privately already. */
  privateReplySent: {
    code: 10900,
    type: 'OAuthException',
    status: 400,
    message: '(#10900) Activity already replied to',
  },
  /** Messenger: a comment or post that cannot be answered privately. */
  privateReplyNotAllowed: {
    code: 10903,
    type: 'OAuthException',
    status: 400,
    message: "(#10903) This user can't reply to this activity",
  },
} as const satisfies Record<string, ErrorSpec>;
