/**
 * The Send API's refusals (spec §5.3, §5.5, §5.6, §8): a part of the one catalogue in error-catalogue.ts,
 * kept apart only for length.
 */
import type { ErrorSpec } from './error-catalogue.ts';

export const SEND_ERRORS = {
  tooFewElements: {
    code: 194,
    type: 'OAuthException',
    status: 400,
    message: '(#194) param {name} has too few elements.',
  },
  tooManyElements: {
    code: 194,
    type: 'OAuthException',
    status: 400,
    message: '(#194) param {name} has too many elements.',
  },
  textTooLong: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Length of param {name} must be less than or equal to {max}',
  },
  messagesAccessOff: {
    code: 200,
    subcode: 2534041,
    type: 'OAuthException',
    status: 403,
    message: '(#200) The account owner has disabled access to instagram direct messages',
  },
  personUnavailable: {
    code: 551,
    subcode: 1545041,
    type: 'OAuthException',
    status: 400,
    message: "(#551) This person isn't available right now.",
  },
  noMatchingInstagramUser: {
    code: 100,
    subcode: 2534014,
    type: 'OAuthException',
    status: 400,
    message: '(#100) No matching Instagram user',
  },
  noMatchingUser: {
    code: 100,
    subcode: 2018001,
    type: 'OAuthException',
    status: 400,
    message: '(#100) No matching user found',
  },
  outsideWindowInstagram: {
    code: 10,
    subcode: 2534022,
    type: 'OAuthException',
    status: 400,
    message: '(#10) This message is sent outside of allowed window.',
  },
  outsideWindowMessenger: {
    code: 10,
    subcode: 2018278,
    type: 'OAuthException',
    status: 400,
    message:
      '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
  },
  humanAgentNotApproved: {
    code: 10,
    type: 'OAuthException',
    status: 403,
    message:
      "(#10) To use 'Human Agent', your use of this endpoint must be reviewed and approved by Facebook. To submit this 'Human Agent' feature for review please read our documentation on reviewable features: https://developers.facebook.com/docs/apps/review.",
  },
  messageAndState: {
    code: 100,
    subcode: 2018014,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Cannot send both message and state at the same time.',
  },
  messageOrStateRequired: {
    code: 100,
    subcode: 2018015,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Must send either message or state',
  },
  emptyMessage: {
    code: 100,
    subcode: 2018034,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Message cannot be empty, must provide valid attachment or text',
  },
  invalidTemplateType: {
    code: 100,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Invalid template type',
  },
  incompleteTemplateElement: {
    code: 100,
    subcode: 2018035,
    type: 'OAuthException',
    status: 400,
    message:
      '(#100) Incomplete element data: title and at least one other field (image url, subtitle or buttons) is required with non-empty value',
  },
  emptyButtonTitle: {
    code: 100,
    subcode: 2018053,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Element button title cannot be empty.',
  },
  emptyPostbackPayload: {
    code: 100,
    subcode: 2018040,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Payload cannot be empty for postback type button',
  },
  emptyWebUrl: {
    code: 100,
    subcode: 2018041,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Web url cannot be empty for url type button',
  },
  quickReplyTitleRequired: {
    code: 100,
    subcode: 2018098,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Title is required for this quick reply content type',
  },
  quickReplyPayloadRequired: {
    code: 100,
    subcode: 2018099,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Payload is required for this quick reply content type',
  },
  mediaFetchFailed: {
    code: 100,
    subcode: 2018008,
    type: 'OAuthException',
    status: 400,
    message:
      '(#100) Failed to fetch the file from the url. Check that the URL is valid, with a valid SSL certificate, valid file size, and that the server is responding fast enough to avoid timeouts.',
  },
  mediaUploadFailed: {
    code: 100,
    subcode: 2018047,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Upload attachment failure.',
  },
  mediaTooLarge: {
    code: 100,
    subcode: 2018109,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Attachment size exceeds allowable limit',
  },
  invalidMessageData: {
    code: 100,
    subcode: 2534015,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Invalid message data',
  },
  attachmentNotOwned: {
    code: 100,
    subcode: 2018074,
    type: 'OAuthException',
    status: 400,
    message: '(#100) Possible invalid ID or you do not own the attachment.',
  },
  invalidPrivateReply: {
    code: 100,
    subcode: 2534025,
    type: 'OAuthException',
    status: 400,
    message: '(#100) The comment is invalid for a private reply',
  },
} as const satisfies Record<string, ErrorSpec>;
