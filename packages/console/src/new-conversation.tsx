/**
 * Writing to the business as someone new: a person of the world, or one made here, starts a conversation by
 * writing, or on the account's welcome screen by tapping Get Started or an ice breaker.
 */
import { useState } from 'preact/hooks';
import { sandbox } from './api.ts';
import { useProfile, WelcomeScreen, type WelcomeTap } from './profile.tsx';

export function NewConversation(props: {
  accountId: string;
  people: readonly { id: string; username: string; name: string | null }[];
  /** Changes when the world does: what the welcome screen shows is read again. */
  version: number;
  onStarted: (conversationId: string) => void;
  onError: (e: unknown) => void;
}) {
  const { accountId, people, version, onStarted, onError } = props;
  const [person, setPerson] = useState('');
  const [username, setUsername] = useState('');
  const [text, setText] = useState('');
  const profile = useProfile(accountId, person || undefined, version, onError);
  /** The chosen person, or the one the username makes. */
  const who = async () => {
    if (person) return person;
    if (!username.trim()) throw new Error('Choose a person, or give the new one a username');
    const id = (await sandbox.createUser({ username: username.trim() })).id;
    setUsername('');
    return id;
  };
  const start = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    const sent = await sandbox.sendMessage(await who(), { to: accountId, text });
    setText('');
    onStarted(sent.conversation_id);
  };
  const tap = async (t: WelcomeTap) => {
    const id = await who();
    const sent =
      t.kind === 'get_started'
        ? await sandbox.getStarted(id, { to: accountId })
        : await sandbox.tapIceBreaker(id, { to: accountId, question: t.question });
    onStarted(sent.conversation_id);
  };
  return (
    <form
      class="new-conversation"
      onSubmit={(e) => void start(e).catch(onError)}
      data-testid="new-conversation"
    >
      <select value={person} onChange={(e) => setPerson((e.target as HTMLSelectElement).value)}>
        <option value="">A new person…</option>
        {people.map((p) => (
          <option value={p.id}>{p.name ?? p.username}</option>
        ))}
      </select>
      {!person && (
        <input
          placeholder="username"
          value={username}
          onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
        />
      )}
      <input
        placeholder="First message"
        value={text}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Write</button>
      {profile?.welcome && (
        <WelcomeScreen welcome={profile.welcome} onTap={(t) => void tap(t).catch(onError)} />
      )}
    </form>
  );
}
