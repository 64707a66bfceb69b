/**
 * The console: an account's inbox and the open thread with the customer's composer, or its posts with their
 * comments; and the side panels.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type {
  Clock as ClockView,
  Delivery,
  Subscriptions as SubscriptionsView,
  WorldView,
} from '@parley/sandbox';
import { graphGet, needsToken, sandbox, setAdminToken } from './api.ts';
import { ApiLogPanel } from './api-log.tsx';
import { Inbox } from './inbox.tsx';
import { OpenedMessage } from './opened-message.tsx';
import { PostsView } from './posts-view.tsx';
import { NewConversation } from './new-conversation.tsx';
import { watchChanges } from './live.ts';
import type { Message } from './message.tsx';
import { clockChanges } from './clock-changes.ts';
import { Clock, Webhooks, WorldPanel, type ClockMove } from './side.tsx';
import { loginReturn } from './login-panel.tsx';
import { Subscriptions } from './subscriptions.tsx';
import { Thread, type Conversation } from './thread.tsx';
import { usePagedList } from './use-paged-list.ts';

type World = z.output<typeof WorldView>;

export function App() {
  const [world, setWorld] = useState<World>();
  const [accountId, setAccountId] = useState<string>();
  const [view, setView] = useState<'inbox' | 'posts'>('inbox');
  const [postId, setPostId] = useState<string>();
  const [folder, setFolder] = useState<string>();
  const [selected, setSelected] = useState<string>();
  const [deliveries, setDeliveries] = useState<z.output<typeof Delivery>[]>([]);
  const [clock, setClock] = useState<z.output<typeof ClockView>>();
  const [subscriptions, setSubscriptions] = useState<z.output<typeof SubscriptionsView>>();
  // Back from a login the World panel started: it shows how it went.
  const [panel, setPanel] = useState<'webhooks' | 'api' | 'world'>(loginReturn() ? 'world' : 'webhooks');
  const [opened, setOpened] = useState<{ id: string; json: unknown }>();
  const [error, setError] = useState<string>();
  const [locked, setLocked] = useState(false);
  const [version, setVersion] = useState(0);
  const [changed, setChanged] = useState<string[]>();

  const fail = useCallback((e: unknown) => {
    if (needsToken(e)) setLocked(true);
    else setError(e instanceof Error ? e.message : String(e));
  }, []);

  useEffect(() => watchChanges(() => setVersion((v) => v + 1)), []);

  useEffect(() => {
    sandbox.world().then((w) => {
      // Instagram accounts first, as Meta's apps list them.
      w.accounts.sort((a, b) => Number(b.type === 'instagram') - Number(a.type === 'instagram'));
      setWorld(w);
      setAccountId((current) => (w.accounts.some((a) => a.id === current) ? current : w.accounts[0]?.id));
    }, fail);
    sandbox.clock().then(setClock, fail);
    sandbox.deliveries({ limit: 50 }).then((d) => setDeliveries(d.data), fail);
    sandbox.subscriptions().then(setSubscriptions, fail);
  }, [version, locked]);

  const inbox = usePagedList<Conversation>({
    // Read only while shown: the Posts view reads the account's posts instead.
    key: view === 'inbox' && accountId ? `${accountId}/${folder ?? ''}` : undefined,
    read: (after, limit) =>
      sandbox.inbox(accountId!, {
        limit,
        ...(after && { after }),
        ...(folder && { folder: folder as never }),
      }),
    pageSize: 50,
    version,
    onError: fail,
  });
  const conversations = inbox.items;
  useEffect(() => {
    if (!inbox.loaded) return;
    setSelected((current) => (conversations.some((c) => c.id === current) ? current : conversations[0]?.id));
  }, [conversations]);

  const thread = usePagedList<Message>({
    key: view === 'inbox' ? selected : undefined,
    read: (after, limit) => sandbox.thread(selected!, { limit, ...(after && { after }) }),
    pageSize: 100,
    version,
    onError: fail,
  });

  /** Moves the clock, then says what it changed in this inbox. */
  const moveClock = async (body: ClockMove) => {
    const before = conversations;
    await sandbox.moveClock(body);
    if (!accountId) return;
    const after = await sandbox.inbox(accountId, { limit: Math.min(200, Math.max(50, before.length)) });
    const changes = clockChanges(before, after.data);
    setChanged(changes.length ? changes : ['No window or hidden conversation changed on this page']);
  };

  const account = world?.accounts.find((a) => a.id === accountId);
  const conversation = conversations.find((c) => c.id === selected);
  const tokenOf = (id: string) =>
    world?.apps.flatMap((a) => a.tokens).find((t) => t.account_id === id)?.access_token;
  /** A conversation shown in the inbox: one just started, or one a comment's private reply opened. */
  const openConversation = (id: string) => {
    setView('inbox');
    setFolder(undefined);
    setSelected(id);
  };
  const open = (messageId: string) => {
    const token = accountId && tokenOf(accountId);
    if (!token) return;
    void graphGet(`${messageId}?fields=id,created_time,from,to,message,attachments,reactions`, token).then(
      (json) => setOpened({ id: messageId, json }),
      fail,
    );
  };

  if (locked) {
    return (
      <form
        class="locked"
        onSubmit={(e) => {
          e.preventDefault();
          setAdminToken(
            ((e.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement).value,
          );
          setLocked(false);
          setVersion((v) => v + 1);
        }}
      >
        <p>This Parley is guarded by an admin token.</p>
        <input name="token" type="password" placeholder="Admin token" />
        <button type="submit">Open</button>
      </form>
    );
  }

  return (
    <div class="console">
      <header class="top">
        <strong>Parley</strong>
        <select
          value={accountId}
          onChange={(e) => setAccountId((e.target as HTMLSelectElement).value)}
          data-testid="account"
        >
          {world?.accounts.map((a) => (
            <option value={a.id}>
              {a.type === 'instagram' ? 'Instagram' : 'Page'} · {a.username ?? a.name ?? a.id}
            </option>
          ))}
        </select>
        <div class="views">
          <button class={view === 'inbox' ? 'active' : ''} onClick={() => setView('inbox')}>
            Inbox
          </button>
          <button class={view === 'posts' ? 'active' : ''} onClick={() => setView('posts')}>
            Posts
          </button>
        </div>
        <Clock
          now={clock?.timestamp}
          frozen={clock?.frozen ?? false}
          onMove={(body) => void moveClock(body).catch(fail)}
        />
      </header>
      {changed && (
        <div class="changes" data-testid="clock-changes" onClick={() => setChanged(undefined)}>
          {changed.join(' · ')}
        </div>
      )}
      {error && (
        <div class="error" onClick={() => setError(undefined)}>
          {error}
        </div>
      )}
      <main>
        {view === 'posts' && account ? (
          <PostsView
            key={account.id}
            account={account}
            people={world?.people ?? []}
            selected={postId}
            onSelect={setPostId}
            version={version}
            onOpenConversation={openConversation}
            onError={fail}
          />
        ) : (
          <>
            {account && (
              <div class="left">
                <NewConversation
                  accountId={account.id}
                  version={version}
                  people={world?.people ?? []}
                  onStarted={openConversation}
                  onError={fail}
                />
                <Inbox
                  key={`${account.id}/${folder ?? ''}`}
                  type={account.type}
                  folder={folder}
                  conversations={conversations}
                  selected={selected}
                  onFolder={setFolder}
                  onSelect={setSelected}
                  onMore={inbox.more}
                />
              </div>
            )}
            {conversation && accountId ? (
              <Thread
                key={conversation.id}
                accountId={accountId}
                instagram={account?.type === 'instagram'}
                conversation={conversation}
                messages={thread.items}
                onOpen={open}
                onError={fail}
                onOlder={thread.more}
                version={version}
              />
            ) : (
              <section class="thread empty">No conversation in this folder.</section>
            )}
          </>
        )}
        <aside>
          <div class="tabs">
            <button class={panel === 'webhooks' ? 'active' : ''} onClick={() => setPanel('webhooks')}>
              Webhooks
            </button>
            <button class={panel === 'api' ? 'active' : ''} onClick={() => setPanel('api')}>
              API log
            </button>
            <button class={panel === 'world' ? 'active' : ''} onClick={() => setPanel('world')}>
              World
            </button>
          </div>
          {panel === 'webhooks' ? (
            <>
              <Subscriptions view={subscriptions} onError={fail} />
              <Webhooks deliveries={deliveries} onError={fail} />
            </>
          ) : panel === 'api' ? (
            <ApiLogPanel onError={fail} />
          ) : (
            <WorldPanel world={world} onError={fail} />
          )}
          {opened && account && (
            <OpenedMessage
              key={opened.id}
              messageId={opened.id}
              json={opened.json}
              subscriptions={subscriptions}
              version={version}
              onError={fail}
              object={account.type === 'instagram' ? 'instagram' : 'page'}
              accountId={account.id}
              onClose={() => setOpened(undefined)}
            />
          )}
        </aside>
      </main>
    </div>
  );
}
