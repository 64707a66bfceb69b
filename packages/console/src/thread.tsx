/**
 * A conversation: who it is with (followed or not), the window, who controls it (conversation routing), its
 * messages, and the composer that writes as the person, with the account's persistent menu beside it (and its
 * welcome screen until the first message).
 */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { InboxConversation } from '@parley/sandbox';
import { sandbox } from './api.ts';
import type { Message, Tap } from './message.tsx';
import { MessageList } from './message-list.tsx';
import { Optins } from './optins.tsx';
import { PersistentMenu, useProfile, WelcomeScreen } from './profile.tsx';
import { ThreadControl } from './thread-control.tsx';

export type Conversation = z.output<typeof InboxConversation>;

export function Thread(props: {
  accountId: string;
  /** Instagram accounts can be followed. */
  instagram: boolean;
  conversation: Conversation;
  messages: Message[];
  onOpen: (id: string) => void;
  onError: (error: unknown) => void;
  /** Reads older messages, when there are. */
  onOlder: (() => void) | undefined;
  /** Changes whenever the world does. */
  version: number;
}) {
  const { accountId, instagram, conversation: c, messages, onOpen, onError, onOlder, version } = props;
  const [text, setText] = useState('');
  const person = c.person.id;
  const act = (work: Promise<unknown>) => void work.catch(onError);
  const send = (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    act(sandbox.sendMessage(person, { to: accountId, text }));
    setText('');
  };
  const tap = (t: Tap) =>
    act(
      t.kind === 'postback'
        ? sandbox.postback(person, { to: accountId, title: t.title, payload: t.payload })
        : t.kind === 'optin'
          ? sandbox.optin(person, {
              to: accountId,
              type: 'notification_messages',
              title: t.title,
              ...(t.payload && { payload: t.payload }),
            })
          : sandbox.sendMessage(person, {
              to: accountId,
              text: t.title,
              quick_reply: { payload: t.payload },
            }),
    );
  const profile = useProfile(accountId, person, version, onError);
  const composerOff = profile?.menu?.composer_input_disabled ?? false;
  const newestFromBusiness = messages.find((m) => m.from === 'business');
  return (
    <section class="thread">
      <header>
        <strong>{c.person.name ?? c.person.username}</strong>{' '}
        <span class="meta">
          @{c.person.username} · {c.scoped_id}
        </span>
        {instagram && (
          <>
            <button onClick={() => act(sandbox.follow({ user_id: person, account_id: accountId }))}>
              Follow
            </button>
            <button onClick={() => act(sandbox.unfollow({ user_id: person, account_id: accountId }))}>
              Unfollow
            </button>
          </>
        )}
        <span class={`window ${c.window.standard ? 'open' : 'closed'}`} data-testid="window">
          {c.window.standard
            ? '24-hour window open'
            : c.window.human_agent
              ? '24-hour window closed · HUMAN_AGENT (7 days) open'
              : 'messaging window closed'}
        </span>
      </header>
      <ThreadControl conversationId={c.id} version={version} onError={onError} />
      <Optins personId={person} accountId={accountId} page={!instagram} version={version} onError={onError} />
      {profile?.welcome && (
        <WelcomeScreen
          welcome={profile.welcome}
          onTap={(t) =>
            act(
              t.kind === 'get_started'
                ? sandbox.getStarted(person, { to: accountId })
                : sandbox.tapIceBreaker(person, { to: accountId, question: t.question }),
            )
          }
        />
      )}
      <MessageList
        messages={messages}
        onTap={tap}
        onOpen={onOpen}
        onEdit={(id, text) => act(sandbox.editMessage(id, text))}
        onUnsend={(id) => act(sandbox.unsend(id))}
        onOlder={onOlder}
      />
      <form class="composer" onSubmit={send}>
        {profile?.menu && (
          <PersistentMenu
            menu={profile.menu}
            onTap={(title) => act(sandbox.tapMenu(person, { to: accountId, title }))}
          />
        )}
        <input
          value={text}
          disabled={composerOff}
          placeholder={
            composerOff
              ? 'The business turned the composer off: use the menu'
              : `Write as ${c.person.name ?? c.person.username}…`
          }
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          data-testid="composer"
        />
        <button type="submit">Send</button>
        <label class="attach" title="Send a photo, video, audio or file">
          📎
          <input
            type="file"
            data-testid="attach"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (!file) return;
              act(
                sandbox
                  .upload(accountId, file, file.name)
                  .then(({ type, url }) =>
                    sandbox.sendMessage(person, { to: accountId, attachments: [{ type, url }] }),
                  ),
              );
            }}
          />
        </label>
        {newestFromBusiness && (
          <>
            <button
              type="button"
              title="React ❤️ to the business's last message"
              onClick={() => act(sandbox.react(person, { message_id: newestFromBusiness.id }))}
            >
              ❤️
            </button>
            <button
              type="button"
              title="Mark the business's messages seen"
              onClick={() => act(sandbox.markSeen(person, { message_id: newestFromBusiness.id }))}
            >
              Seen
            </button>
          </>
        )}
      </form>
    </section>
  );
}
