/** One message, drawn as Instagram and Messenger draw it: text, media, stickers, shares, replies, templates. */
import type { z } from 'zod';
import type { MessageTemplate } from '@parley/protocol';
import type { ThreadMessage } from '@parley/sandbox';
import { TemplateView, type Tap } from './template-view.tsx';

export type { Tap };

export type Message = z.output<typeof ThreadMessage>;

interface Attachment {
  type: string;
  url?: string;
  payload?: { url?: string; sticker_id?: number };
  [key: string]: unknown;
}

function Media({ attachment }: { attachment: Attachment }) {
  const url = attachment.url ?? attachment.payload?.url;
  if (attachment.type === 'image' && url) return <img class="media" src={url} alt="image" loading="lazy" />;
  if (attachment.type === 'video' && url) return <video class="media" src={url} controls />;
  if (attachment.type === 'audio' && url) return <audio src={url} controls />;
  if (attachment.type === 'like_heart') return <span class="sticker">❤️</span>;
  return (
    <a class="file" href={url} target="_blank" rel="noreferrer">
      📎 {attachment.type}
    </a>
  );
}

export function MessageView(props: {
  message: Message;
  onTap: (tap: Tap) => void;
  onOpen: (id: string) => void;
  /** The person's own messages: they may edit or unsend them. */
  onEdit: (id: string, text: string) => void;
  onUnsend: (id: string) => void;
}) {
  const { message: m, onTap, onOpen, onEdit, onUnsend } = props;
  const context = (m.context ?? {}) as Record<string, unknown>;
  const quickReplies = (context.quick_replies as { title?: string; payload?: string }[] | undefined) ?? [];
  const template = context.template as MessageTemplate | undefined;
  const postback = context.postback as { title: string } | undefined;
  return (
    <div class={`message ${m.from}`} data-testid="message">
      <div class="bubble" onClick={() => onOpen(m.id)} title="Open GET /{message-id}">
        {m.reply_to && <div class="reply-to">↩ a reply</div>}
        {m.story && <div class="reply-to">↩ a story</div>}
        {postback && <div class="postback">tapped “{postback.title}”</div>}
        {m.text && <span class="text">{m.text}</span>}
        {m.sticker && <span class="sticker">❤️</span>}
        {(m.attachments as Attachment[]).map((a) => (
          <Media attachment={a} />
        ))}
        {(m.shares as { link?: string }[]).map((s) => (
          <a class="file" href={s.link} target="_blank" rel="noreferrer">
            🔗 shared post
          </a>
        ))}
        {template && <TemplateView template={template} onTap={onTap} />}
        {m.edit_count > 0 && <span class="meta"> (edited)</span>}
      </div>
      {m.reactions.length > 0 && <div class="reactions">{m.reactions.map((r) => r.emoji).join(' ')}</div>}
      {quickReplies.length > 0 && (
        <div class="quick-replies">
          {quickReplies.map((q) => (
            <button
              class="quick-reply"
              onClick={() => onTap({ kind: 'quick_reply', title: q.title ?? '', payload: q.payload ?? '' })}
            >
              {q.title}
            </button>
          ))}
        </div>
      )}
      <div class="meta">
        {new Date(m.created_time).toLocaleTimeString()}
        {m.from === 'person' && m.text !== null && (
          <>
            {' · '}
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                const text = prompt('Edit the message', m.text ?? '');
                if (text) onEdit(m.id, text);
              }}
            >
              edit
            </a>
          </>
        )}
        {m.from === 'person' && (
          <>
            {' · '}
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                onUnsend(m.id);
              }}
            >
              unsend
            </a>
          </>
        )}
      </div>
    </div>
  );
}
