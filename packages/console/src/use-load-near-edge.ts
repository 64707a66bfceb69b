/**
 * Reads the next page of a scrolling list when the reader comes near its end: the bottom of an inbox, the top
 * of a thread (older messages). Checked on each scroll, and after each render for a list that does not fill
 * its box (it cannot be scrolled), or that the reader had scrolled to the bottom of before the page came.
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** How near, in pixels: a few rows ahead, so that the page is there by the time the reader is. */
const MARGIN = 800;

export function useLoadNearEdge(
  scroller: RefObject<HTMLElement>,
  edge: 'top' | 'bottom',
  load: (() => void) | undefined,
): void {
  useEffect(() => {
    const element = scroller.current;
    if (!element || !load) return;
    const check = () => {
      const { scrollTop, scrollHeight, clientHeight } = element;
      const distance = edge === 'top' ? scrollTop : scrollHeight - scrollTop - clientHeight;
      if (distance < MARGIN) load();
    };
    // A thread opens at its top before it is scrolled to its newest message: only a scroll says where the
    // reader is, unless there is nothing to scroll.
    if (edge === 'bottom' || element.scrollHeight <= element.clientHeight) check();
    element.addEventListener('scroll', check, { passive: true });
    return () => element.removeEventListener('scroll', check);
  });
}
