/** Writing to the business as someone new: a person of the world, or one made here, starts a conversation. */
import { useState } from 'preact/hooks';
import { sandbox } from './api.ts';

export function NewConversation(props: {
  accountId: string;
  people: readonly { id: string; username: string; name: string | null }[];
  onStarted: (conversationId: string) => void;
  onError: (e: unknown) => void;
}) {
  const { accountId, people, onStarted, onError } = props;
  const [person, setPerson] = useState('');
  const [username, setUsername] = useState('');
  const [text, setText] = useState('');
  const start = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return;
    const id =
      person || (username.trim() ? (await sandbox.createUser({ username: username.trim() })).id : '');
    if (!id) return;
    const sent = await sandbox.sendMessage(id, { to: accountId, text });
    setText('');
    setUsername('');
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
    </form>
  );
}
