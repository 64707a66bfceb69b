/**
 * A sandbox list the console reads a page at a time (an inbox's conversations, a thread's messages, newest
 * first): the next page appended when the view asks for it, and, after each change Parley reports, as many
 * rows as are loaded read again in the sandbox's largest pages. One read runs at a time; changes reported
 * meanwhile are read once, after it. A new key (another account, folder or conversation) starts again from
 * its first page, and answers for an earlier key are dropped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Page<T> {
  data: T[];
  paging?: { next: string };
}

export type ReadPage<T> = (after: string | undefined, limit: number) => Promise<Page<T>>;

/** The sandbox's largest page (its `limit` at most). */
const MAX_PAGE = 200;

/** The first `count` rows, read in the largest pages. */
async function readRows<T>(read: ReadPage<T>, count: number) {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const page = await read(next, Math.min(MAX_PAGE, count - items.length));
    items.push(...page.data);
    next = page.paging?.next;
  } while (next && items.length < count);
  return { items, next };
}

interface Loaded<T> {
  key: string | undefined;
  items: T[];
  next: string | undefined;
}

/**
 * The rows read again, then the loaded ones that new rows pushed past the end of that read, so that a change
 * never takes rows from the end of the list (the page after them is then the one after the loaded end).
 */
function merged<T extends { id: string }>(
  loaded: Loaded<T>,
  read: { items: T[]; next: string | undefined },
): Omit<Loaded<T>, 'key'> {
  const last = read.items.at(-1);
  const from = last ? loaded.items.findIndex((item) => item.id === last.id) : -1;
  if (from < 0 || !read.next) return read;
  const known = new Set(read.items.map((item) => item.id));
  const kept = loaded.items.slice(from + 1).filter((item) => !known.has(item.id));
  return kept.length ? { items: [...read.items, ...kept], next: loaded.next } : read;
}

export function usePagedList<T extends { id: string }>(options: {
  /** What the list is of; undefined for no list. */
  key: string | undefined;
  read: ReadPage<T>;
  pageSize: number;
  /** Bumped on each change: the loaded rows are read again. */
  version: number;
  onError: (error: unknown) => void;
}): { items: T[]; loaded: boolean; more: (() => void) | undefined } {
  const { key, pageSize, version } = options;
  const [list, setList] = useState<Loaded<T>>({ key: undefined, items: [], next: undefined });
  const latest = useRef({ options, list });
  latest.current = { options, list };
  const reads = useRef({ generation: 0, busy: false, again: false, key: undefined as string | undefined });

  /** Runs one read; a change reported while it ran is read after it. */
  const run = (generation: number, work: () => Promise<void>) => {
    const state = reads.current;
    state.busy = true;
    work()
      .catch((error: unknown) => {
        if (generation === state.generation) latest.current.options.onError(error);
      })
      .finally(() => {
        if (generation !== state.generation) return;
        state.busy = false;
        if (state.again) refresh(false);
      });
  };

  const refresh = (fresh: boolean) => {
    const state = reads.current;
    if (state.busy && !fresh) {
      state.again = true;
      return;
    }
    const generation = ++state.generation;
    state.again = false;
    const { read } = latest.current.options;
    const count = fresh ? pageSize : Math.max(pageSize, latest.current.list.items.length);
    const forKey = state.key;
    run(generation, async () => {
      const rows = await readRows(read, count);
      if (generation !== state.generation) return;
      setList((current) => ({ key: forKey, ...(current.key === forKey ? merged(current, rows) : rows) }));
    });
  };

  const more = () => {
    const state = reads.current;
    const { list, options } = latest.current;
    if (state.busy || !list.next || list.key !== state.key) return;
    const generation = state.generation;
    const after = list.next;
    run(generation, async () => {
      const page = await options.read(after, pageSize);
      if (generation !== state.generation) return;
      setList((current) => {
        const known = new Set(current.items.map((item) => item.id));
        const added = page.data.filter((item) => !known.has(item.id));
        return { key: current.key, items: [...current.items, ...added], next: page.paging?.next };
      });
    });
  };

  useEffect(() => {
    const state = reads.current;
    const fresh = state.key !== key;
    state.key = key;
    if (key !== undefined) {
      refresh(fresh);
      return;
    }
    state.generation++;
    state.busy = false;
    setList({ key: undefined, items: [], next: undefined });
  }, [key, version]);

  const loaded = list.key === key && key !== undefined;
  return { items: loaded ? list.items : [], loaded, more: loaded && list.next ? more : undefined };
}
