/** Meta's Send API limits and enumerations, as data (spec §5). */

export const TEXT_LIMITS = {
  /** "Message text must be UTF-8 and be 1,000 bytes or less." */
  instagramBytes: 1000,
  messengerCharacters: 2000,
} as const;

export const QUICK_REPLY_LIMITS = { max: 13, titleCharacters: 20, payloadCharacters: 1000 } as const;
export const QUICK_REPLY_TYPES = ['text', 'user_phone_number', 'user_email'] as const;

/** Template limits from Meta's template and button references. */
export const TEMPLATE_LIMITS = {
  elements: 10,
  buttons: 3,
  titleCharacters: 80,
  subtitleCharacters: 80,
  buttonTitleCharacters: 20,
  buttonTemplateTextCharacters: 640,
  payloadCharacters: 1000,
  receiptElements: 100,
  gridImages: { min: 2, max: 6 },
  gridTitleCharacters: 45,
  notificationTitleCharacters: 65,
  feedbackExpiresInDays: { min: 1, max: 7 },
} as const;

export const METADATA_CHARACTERS = 1000;
/** Several images in one Instagram message (`message.attachments`). */
export const MAX_IMAGES_PER_MESSAGE = 10;

export const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'] as const;
/** Tags still accepted: HUMAN_AGENT on both platforms, CUSTOMER_FEEDBACK on Messenger only. */
export const MESSAGE_TAGS = {
  instagram: ['HUMAN_AGENT'],
  messenger: ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK'],
} as const;
export const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen', 'react', 'unreact'] as const;
export const NOTIFICATION_TYPES = ['REGULAR', 'SILENT_PUSH', 'NO_PUSH'] as const;

/** Reusable attachment ids last 90 days. */
export const REUSABLE_ATTACHMENT_MS = 90 * 24 * 60 * 60 * 1000;
/** HUMAN_AGENT extends the window to 7 days after the person's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Marketing messages (spec §5.2): a token takes one message per period of its frequency, and lasts a number of
 * months from the opt-in (Meta's `messaging_optins` reference: 6, 9 and 12 months).
 */
export const NOTIFICATION_FREQUENCIES = {
  DAILY: { periodMs: DAY_MS, lifetimeMonths: 6 },
  WEEKLY: { periodMs: 7 * DAY_MS, lifetimeMonths: 9 },
  MONTHLY: { periodMs: 30 * DAY_MS, lifetimeMonths: 12 },
} as const;
