/**
 * TanStack Virtual's framework-free core as a Preact hook: the rows of a scrolling element that are in view
 * (and a few either side), re-rendered when they change. The same wiring as its React adapter, which needs
 * React itself: the virtualizer made once, its options set on each render, mounted and synced in layout
 * effects.
 *
 * @example
 * const v = useVirtualizer({ count, getScrollElement: () => ref.current, estimateSize: () => 60 });
 * v.getVirtualItems().map((row) => <li key={row.key} data-index={row.index} ref={v.measureElement} />);
 */
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type PartialKeys,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useState } from 'preact/hooks';

export type VirtualListOptions<S extends Element, I extends Element> = PartialKeys<
  VirtualizerOptions<S, I>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

export function useVirtualizer<S extends Element, I extends Element>(
  options: VirtualListOptions<S, I>,
): Virtualizer<S, I> {
  const [, setTick] = useState(0);
  const resolved: VirtualizerOptions<S, I> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      setTick((tick) => tick + 1);
      options.onChange?.(instance, sync);
    },
  };
  const [virtualizer] = useState(() => new Virtualizer<S, I>(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
