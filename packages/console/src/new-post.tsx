/**
 * New media: the business publishes a post, reel, story or live broadcast (a Page, a post), and a person
 * posts their own media whose caption @mentions the account.
 */
import { useState } from 'preact/hooks';
import type { MEDIA_PRODUCT_TYPES } from '@parley/sandbox';
import { sandbox } from './api.ts';
import type { Person } from './comment-composer.tsx';

type ProductType = (typeof MEDIA_PRODUCT_TYPES)[number];

const INSTAGRAM_KINDS: [ProductType, string][] = [
  ['FEED', 'Post'],
  ['REELS', 'Reel'],
  ['STORY', 'Story'],
  ['LIVE', 'Live'],
];

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function PublishPost(props: {
  account: { id: string; type: 'instagram' | 'page' };
  onPublished: (id: string) => void;
  onError: (e: unknown) => void;
}) {
  const { account, onPublished, onError } = props;
  const [kind, setKind] = useState<ProductType>('FEED');
  const [caption, setCaption] = useState('');
  const publish = async (e: Event) => {
    e.preventDefault();
    const post = await sandbox.createPost(account.id, {
      ...(account.type === 'instagram' && { media_product_type: kind }),
      ...(caption.trim() && { caption: caption.trim() }),
    });
    setCaption('');
    onPublished(post.id);
  };
  return (
    <form class="new-conversation" onSubmit={(e) => void publish(e).catch(onError)} data-testid="publish">
      {account.type === 'instagram' && (
        <select value={kind} onChange={(e) => setKind(value(e) as ProductType)}>
          {INSTAGRAM_KINDS.map(([type, label]) => (
            <option value={type}>{label}</option>
          ))}
        </select>
      )}
      <input placeholder="Caption" value={caption} onInput={(e) => setCaption(value(e))} />
      <button type="submit">Publish as the business</button>
    </form>
  );
}

/** A person's own post mentioning the account (Instagram): the account hears of it as a mention. */
export function MentionPost(props: {
  username: string;
  people: readonly Person[];
  onPosted: (id: string) => void;
  onError: (e: unknown) => void;
}) {
  const { username, people, onPosted, onError } = props;
  const [person, setPerson] = useState(people[0]?.id ?? '');
  const [caption, setCaption] = useState(`Loving @${username}`);
  const post = async (e: Event) => {
    e.preventDefault();
    const posted = await sandbox.personPost(person, { caption });
    onPosted(posted.id);
  };
  return (
    <form class="new-conversation" onSubmit={(e) => void post(e).catch(onError)} data-testid="mention">
      <select value={person} onChange={(e) => setPerson(value(e))}>
        {people.map((p) => (
          <option value={p.id}>{p.name ?? p.username}</option>
        ))}
      </select>
      <input value={caption} onInput={(e) => setCaption(value(e))} />
      <button type="submit">Post, mentioning @{username}</button>
    </form>
  );
}
