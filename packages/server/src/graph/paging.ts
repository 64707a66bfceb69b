/**
 * Cursor paging as Graph does it on every edge: `limit` (default 25, at most 100), `after`/`before`
 * cursors, and `paging.next`/`previous` as absolute URLs to the same edge.
 */
import { GraphError, type Paging } from '@parley/protocol';
import type { CursorCodec, CursorKey } from './cursor-codec.ts';

export const PAGE_LIMITS = { default: 25, max: 100 } as const;

export interface PageRequest {
  readonly limit: number;
  /** Continue towards older items, past this key. */
  readonly after?: CursorKey;
  /** Go back towards newer items, before this key. */
  readonly before?: CursorKey;
}

/** A page read from storage: items in the edge's order, and whether more lie in the direction of travel. */
export interface Page<T> {
  readonly items: T[];
  readonly more: boolean;
}

export interface PagingInput {
  readonly limit?: string | number;
  readonly after?: string;
  readonly before?: string;
}

export function readPageRequest(
  input: PagingInput,
  scope: string,
  codec: CursorCodec,
  defaultLimit: number = PAGE_LIMITS.default,
): PageRequest {
  const limit = readLimit(input.limit, defaultLimit);
  if (input.after !== undefined && input.after !== '') {
    const after = codec.decode(scope, input.after);
    if (!after) throw new GraphError('invalidCursor', { cursor: 'After' });
    return { limit, after };
  }
  if (input.before !== undefined && input.before !== '') {
    const before = codec.decode(scope, input.before);
    if (!before) throw new GraphError('invalidCursor', { cursor: 'Before' });
    return { limit, before };
  }
  return { limit };
}

function readLimit(raw: string | number | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  // Decimal digits only: Number() would also take `0x10`, `1e1` or ` 5`.
  const limit = typeof raw === 'number' ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new GraphError('invalidParameter', {
      detail: `Param limit must be a non-negative integer - got "${raw}"`,
    });
  }
  return Math.min(limit, PAGE_LIMITS.max);
}

export interface PagingLinks {
  /** The absolute URL of this edge with the given paging parameters. */
  (params: { limit: number; after?: string; before?: string }): string;
}

/** The `paging` member for a page of items, or undefined for an empty page. */
export function buildPaging<T>(
  page: Page<T>,
  request: PageRequest,
  keyOf: (item: T) => CursorKey,
  scope: string,
  codec: CursorCodec,
  link: PagingLinks,
): Paging | undefined {
  const first = page.items[0];
  const last = page.items.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const [before, after] = codec.encode(scope, [keyOf(first), keyOf(last)]) as [string, string];
  const goingBack = request.before !== undefined;
  const hasNext = goingBack || page.more;
  const hasPrevious = goingBack ? page.more : request.after !== undefined;
  return {
    cursors: { before, after },
    ...(hasNext && { next: link({ limit: request.limit, after }) }),
    ...(hasPrevious && { previous: link({ limit: request.limit, before }) }),
  };
}
