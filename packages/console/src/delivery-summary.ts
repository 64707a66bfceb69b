/**
 * What a webhook delivery says, in one line for the Webhooks panel: its messaging events
 * (`entry[].messaging[]`) or its changes (`entry[].changes[]`: comments, live comments, mentions, a Page's
 * feed). The entry's JSON is shown below it as sent.
 */

type Json = Record<string, unknown>;

const object = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(object) : []);
const quoted = (text: unknown) => (typeof text === 'string' ? `“${text}”` : '');
const words = (...parts: unknown[]) =>
  parts
    .filter((p) => typeof p === 'string' && p !== '')
    .join(' ')
    .trim();

function messageSummary(message: Json): string {
  const what = message.is_deleted
    ? 'unsent'
    : quoted(message.text) ||
      list(message.attachments)
        .map((a) => String(a.type))
        .join(', ') ||
      'a message';
  return message.is_echo ? `echo: ${what}` : what;
}

function messagingSummary(event: Json): string {
  if (event.message) return messageSummary(object(event.message));
  const reaction = object(event.reaction);
  if (event.reaction) return words('reaction', reaction.action, reaction.emoji);
  if (event.postback) return words('postback', quoted(object(event.postback).title));
  if (event.optin) return words('opt-in', object(event.optin).type ?? object(event.optin).ref);
  if (event.referral) return words('referral', object(event.referral).ref);
  if (event.read) return 'read';
  if (event.delivery) return 'delivered';
  return Object.keys(event).find((k) => !['sender', 'recipient', 'timestamp'].includes(k)) ?? 'event';
}

function changeSummary(change: Json): string {
  const value = object(change.value);
  const from = object(value.from);
  switch (change.field) {
    case 'comments':
    case 'live_comments':
      return words(
        `@${String(from.username)}`,
        value.parent_id ? 'replied' : 'commented',
        quoted(value.text),
      );
    case 'mentions':
      return value.comment_id
        ? `mentioned in comment ${String(value.comment_id)}`
        : `mentioned in media ${String(value.media_id)}`;
    case 'feed':
      return words(value.item, value.verb, 'by', from.name, quoted(value.message));
    default:
      return String(change.field);
  }
}

export function deliverySummary(entry: Json): string {
  return [...list(entry.messaging).map(messagingSummary), ...list(entry.changes).map(changeSummary)].join(
    ' · ',
  );
}
