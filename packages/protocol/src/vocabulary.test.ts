/** docs/vocabulary.md and the attachment, webhook event and template tables say the same thing, both ways. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_KINDS, type AttachmentKind } from './attachment-kinds.ts';
import { MESSAGE_TEMPLATES, type MessageTemplateKind } from './message-templates.ts';
import { WEBHOOK_EVENT_KINDS, webhookFieldOf, type WebhookEventKind } from './webhook-events.ts';

const DOC = readFileSync(new URL('../../../docs/vocabulary.md', import.meta.url), 'utf8');
const MB = 1024 * 1024;

/** The rows of the table under a heading, as cells. */
function tableUnder(heading: string): string[][] {
  const section = DOC.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`docs/vocabulary.md has no "## ${heading}"`);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

function attachmentRow(type: string, kind: AttachmentKind): string[] {
  const send = kind.send
    ? `${kind.send.formats.join(', ')}; ${kind.send.maxBytes / MB} MB; ${kind.send.rate} limit`
    : 'people only';
  return [`\`${type}\``, kind.summary, kind.renders, kind.snippet, kind.instagramWebhookType ?? type, send];
}

function eventRow(kind: WebhookEventKind): string[] {
  return [
    `\`${kind}\``,
    WEBHOOK_EVENT_KINDS[kind].summary,
    `\`${webhookFieldOf(kind, 'page', 'page')}\``,
    `\`${webhookFieldOf(kind, 'instagram', 'page')}\``,
    `\`${webhookFieldOf(kind, 'instagram', 'instagram')}\``,
  ];
}

function templateRow(type: string, kind: MessageTemplateKind): string[] {
  const takes = (platform: 'messenger' | 'instagram') => (kind.platforms.includes(platform) ? 'yes' : 'no');
  return [`\`${type}\``, kind.summary, takes('messenger'), takes('instagram')];
}

describe('docs/vocabulary.md', () => {
  it('lists every attachment kind as the table defines it, and no other', () => {
    const expected = Object.entries(ATTACHMENT_KINDS).map(([type, kind]) => attachmentRow(type, kind));
    expect(tableUnder('Attachment kinds')).toEqual(expected);
  });

  it('lists every webhook event kind as the table defines it, and no other', () => {
    const expected = (Object.keys(WEBHOOK_EVENT_KINDS) as WebhookEventKind[]).map(eventRow);
    expect(tableUnder('Webhook events')).toEqual(expected);
  });

  it('lists every message template as the table defines it, and no other', () => {
    const expected = Object.entries(MESSAGE_TEMPLATES).map(([type, kind]) => templateRow(type, kind));
    expect(tableUnder('Message templates')).toEqual(expected);
  });
});
