/**
 * The marketing messages opt-in request (`template_type: notification_messages`), on Messenger and
 * Instagram: what the person is asked to opt in to, and the button's wording. It is sent within the
 * standard messaging window like any message; tapping it (the opt-in and its token) is the sandbox's part.
 */
import { NOTIFICATION_CTA_TEXTS, type NotificationMessagesTemplate } from '@parley/protocol';
import type { Json } from '../../core/params.ts';
import { TEMPLATE_LIMITS } from '../limits.ts';
import { defined, optionalEnum, optionalText, optionalUrl, ROOT } from './fields.ts';

export function readNotificationMessages(payload: Json): NotificationMessagesTemplate {
  const name = (key: string) => `${ROOT}[${key}]`;
  return defined({
    template_type: 'notification_messages' as const,
    title: optionalText(payload, 'title', name('title'), {
      max: TEMPLATE_LIMITS.notificationTitleCharacters,
    }),
    image_url: optionalUrl(payload, 'image_url', name('image_url')),
    payload: optionalText(payload, 'payload', name('payload'), { max: TEMPLATE_LIMITS.payloadCharacters }),
    notification_messages_cta_text: optionalEnum(
      payload,
      'notification_messages_cta_text',
      name('notification_messages_cta_text'),
      NOTIFICATION_CTA_TEXTS,
    ),
    notification_messages_timezone: optionalText(
      payload,
      'notification_messages_timezone',
      name('notification_messages_timezone'),
    ),
    notification_messages_frequency: optionalEnum(
      payload,
      'notification_messages_frequency',
      name('notification_messages_frequency'),
      ['DAILY', 'WEEKLY', 'MONTHLY'],
    ),
    notification_messages_reoptin: optionalEnum(
      payload,
      'notification_messages_reoptin',
      name('notification_messages_reoptin'),
      ['ENABLED', 'DISABLED'],
    ),
  });
}
