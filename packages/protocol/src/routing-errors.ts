/**
 * Conversation routing's refusals (thread control, sends in a thread another app controls) and the Personas
 * API's: a part of the one catalogue in error-catalogue.ts, kept apart only for length. Texts Meta was seen to
 * answer are kept as seen; the others are recorded in docs/differences-from-meta.md.
 */
import type { ErrorSpec } from './error-spec.ts';

export const ROUTING_ERRORS = {
  threadControlledByAnotherApp: {
    code: 10,
    subcode: 2018300,
    type: 'OAuthException',
    status: 400,
    message: '(#10) Message failed to send because another app is controlling this thread now.',
  },
  notThreadOwner: {
    code: 100,
    subcode: 2534037,
    type: 'OAuthException',
    status: 400,
    message: "(#100) The action is invalid since it's not the thread owner.",
  },
  routingNotEnabled: {
    code: 27,
    type: 'OAuthException',
    status: 400,
    message: '(#27) {action} is not supported when Conversation Routing is not enabled',
  },
} as const satisfies Record<string, ErrorSpec>;
