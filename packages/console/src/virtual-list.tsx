/**
 * A list read from its top, as the inbox, an account's posts and a post's comments are: only the rows in view
 * (and a few either side) are drawn, each measured as drawn, and the next page is read as the reader scrolls
 * near the bottom. (A thread, which opens at its bottom and reads older pages above, is message-list.tsx.)
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useLoadNearEdge } from './use-load-near-edge.ts';
import { useVirtualizer } from './use-virtualizer.ts';

/** What a row's element carries besides its place. */
export interface Row {
  readonly class?: string;
  readonly title?: string;
  readonly onClick?: () => void;
  readonly testId?: string;
  readonly content: ComponentChildren;
}

export function VirtualList<T extends { id: string }>(props: {
  items: readonly T[];
  /** A row's likely height in pixels, until it is drawn. */
  estimateSize: number;
  /** Reads the next page, when there is one. */
  onMore: (() => void) | undefined;
  /** The scrolling element's class and test id. */
  class: string;
  testId: string;
  row: (item: T) => Row;
}) {
  const { items, estimateSize, onMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => items[index]!.id,
    overscan: 6,
  });
  useLoadNearEdge(scroller, 'bottom', onMore);
  return (
    <div class={props.class} ref={scroller} data-testid={props.testId}>
      <ul class="rows" style={{ height: `${rows.getTotalSize()}px` }}>
        {rows.getVirtualItems().map((place) => {
          const row = props.row(items[place.index]!);
          return (
            <li
              key={place.key}
              data-index={place.index}
              ref={rows.measureElement}
              style={{ transform: `translateY(${place.start}px)` }}
              class={row.class}
              title={row.title}
              onClick={row.onClick}
              data-testid={row.testId}
            >
              {row.content}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
