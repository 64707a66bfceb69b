/**
 * A thread's messages, oldest at the top as Meta's apps show them, with the boundary of the 20 newest (the
 * only ones whose details the API gives). Only the rows in view are drawn. It opens at the newest message and
 * follows new ones while the reader is at the bottom; older pages are read as the reader scrolls near the
 * top, and the message in view stays where it was when they arrive above it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { MessageView, type Message, type Tap } from './message.tsx';
import { useLoadNearEdge } from './use-load-near-edge.ts';
import { useVirtualizer } from './use-virtualizer.ts';

export function MessageList(props: {
  /** Newest first, as the sandbox lists them. */
  messages: Message[];
  onTap: (tap: Tap) => void;
  onOpen: (id: string) => void;
  onEdit: (id: string, text: string) => void;
  onUnsend: (id: string) => void;
  /** Reads older messages, when there are. */
  onOlder: (() => void) | undefined;
}) {
  const { messages, onOlder, ...actions } = props;
  const shown = [...messages].reverse();
  const boundary = shown.findIndex((m) => m.details);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    getItemKey: (index) => shown[index]!.id,
    paddingStart: 12,
    paddingEnd: 12,
    overscan: 6,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 80,
  });
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || shown.length === 0) return;
    opened.current = true;
    rows.scrollToEnd();
  });
  useLoadNearEdge(scroller, 'top', onOlder);
  return (
    <div class="messages" ref={scroller} data-testid="messages">
      <div class="rows" style={{ height: `${rows.getTotalSize()}px` }}>
        {rows.getVirtualItems().map((row) => {
          const m = shown[row.index]!;
          return (
            <div
              key={row.key}
              class="slot"
              data-index={row.index}
              ref={rows.measureElement}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {row.index === boundary && boundary > 0 && (
                <div class="boundary">▲ older than the 20 newest: no details through the API</div>
              )}
              <MessageView message={m} {...actions} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
