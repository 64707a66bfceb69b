/**
 * An account's inbox as Meta's apps show it: folders, unread counts, snippets, and what the API hides. Only
 * the rows in view are drawn; the next page is read as the reader scrolls near the bottom.
 */
import type { Conversation } from './thread.tsx';
import { VirtualList } from './virtual-list.tsx';

const FOLDERS: Record<'instagram' | 'page', [string, string][]> = {
  instagram: [
    ['primary', 'Primary'],
    ['general', 'General'],
    ['requests', 'Requests'],
  ],
  page: [
    ['inbox', 'Inbox'],
    ['other', 'Other'],
    ['page_done', 'Done'],
    ['spam', 'Spam'],
  ],
};

export function Inbox(props: {
  type: 'instagram' | 'page';
  folder: string | undefined;
  conversations: Conversation[];
  selected: string | undefined;
  onFolder: (folder: string | undefined) => void;
  onSelect: (id: string) => void;
  /** Reads the next page, when there is one. */
  onMore: (() => void) | undefined;
}) {
  const { type, folder, conversations, selected, onFolder, onSelect, onMore } = props;
  return (
    <nav class="inbox">
      <div class="folders">
        <button class={folder === undefined ? 'active' : ''} onClick={() => onFolder(undefined)}>
          All
        </button>
        {FOLDERS[type].map(([key, label]) => (
          <button key={key} class={folder === key ? 'active' : ''} onClick={() => onFolder(key)}>
            {label}
          </button>
        ))}
      </div>
      <VirtualList
        class="list"
        testId="inbox-list"
        items={conversations}
        estimateSize={74}
        onMore={onMore}
        row={(c) => ({
          class: `${c.id === selected ? 'selected' : ''} ${c.hidden ? 'hidden' : ''}`,
          title: c.hidden ?? '',
          onClick: () => onSelect(c.id),
          testId: 'conversation',
          content: (
            <>
              <div class="row">
                <strong>{c.person.name ?? c.person.username}</strong>
                {c.unread_count > 0 && <span class="unread">{c.unread_count}</span>}
              </div>
              <div class="snippet">{c.snippet ?? ''}</div>
              <div class="meta">
                {c.folder} · {new Date(c.updated_time).toLocaleString()}
                {c.hidden && ' · hidden by the 30-day rule'}
              </div>
            </>
          ),
        })}
      />
    </nav>
  );
}
