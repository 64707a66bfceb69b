/**
 * How the sandbox's lists page: `limit` (default 50) and an opaque `after` cursor, `time.row` (the last
 * item's time and row number), newest first.
 */
import type { Page, PageRequest } from '../graph/paging.ts';

export const DEFAULT_LIMIT = 50;

/** The page a list query asks for. */
export function pageOf(query: { limit?: number; after?: string }): PageRequest {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const key = /^(\d+)\.(\d+)$/.exec(query.after ?? '');
  return key ? { limit, after: [Number(key[1]), Number(key[2])] } : { limit };
}

/** `{ paging: { next } }` when more lie past the page, with the cursor of its last item (`keyOf`). */
export function pagingOf<T>(page: Page<T>, keyOf: (last: T) => readonly [number, number]) {
  const last = page.items.at(-1);
  return page.more && last ? { paging: { next: keyOf(last).join('.') } } : {};
}
