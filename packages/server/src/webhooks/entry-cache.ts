/**
 * The `entry[]` items of the events written here lately, kept as bytes from the commit that queued them, so
 * that the delivery worker need not read and assemble them again. The newest are kept, up to a size: the
 * worker reads the rest (another process's events, or ones pushed out by newer ones) from the outbox.
 * Entries are not let go one by one as their deliveries are accepted: that bookkeeping, for every row sent,
 * cost more than the memory it saves.
 */

import { entryTime, metaJson, type WebhookChannel } from '@parley/protocol';

/** The memory the cache holds at most, all counted; beyond it the oldest entries go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/**
 * Entries are copied into chunks of this size that the cache owns. A small Buffer is cut from a slab Node
 * shares with every other small Buffer, and keeps the whole slab alive, with whatever else was cut from it:
 * held that way, 64 MiB of entries kept about three times as much memory.
 */
const CHUNK_BYTES = 1024 * 1024;
/** What an entry costs beside its bytes and its slot: the Buffer view of it (measured on Node 20: ~97). */
const ENTRY_OVERHEAD = 104;
/** What a slot costs, filled or not: rows other processes numbered leave empty slots between this one's. */
const SLOT_BYTES = 8;
/** Event rows are numbered in order: a jump further than this (another process wrote many) starts afresh. */
const MAX_GAP = 4096;

interface Chunk {
  readonly bytes: Buffer;
  /** Bytes written so far. */
  used: number;
  /** The highest event row with an entry in this chunk. */
  lastSeq: number;
}

/**
 * An event as apps that do not control its thread hear it on `standby`: the same, but a postback without its
 * payload, which only the app that sent the button hears (spec §10.4). Stored items are Meta's JSON, which
 * parses and writes back to the same bytes.
 */
export function standbyItem(event: string): string {
  if (!event.includes('"postback":{')) return event;
  const item = JSON.parse(event) as { postback?: Record<string, unknown> };
  if (item.postback) delete item.postback.payload;
  return metaJson(item);
}

/**
 * An event's `entry[]` item, `{"id":"<account>","time":<ms, or s for changes>,"<channel>":[<event>]}`: the
 * event is stored serialized as Meta writes JSON, ASCII only, so its bytes are its characters.
 */
export function entryOf(accountId: string, time: number, event: string, channel: WebhookChannel): Buffer {
  const at = entryTime(channel, time);
  const item = channel === 'standby' ? standbyItem(event) : event;
  return Buffer.from(`{"id":"${accountId}","time":${at},"${channel}":[${item}]}`, 'latin1');
}

/**
 * Held by event row in an array from `first` on, not in a hash map: rows come in order, so looking one up is
 * an index, and the worker looks up every row it sends. The oldest chunk goes as a whole.
 */
export class WebhookEntryCache {
  /** `slots[i]` holds event row `first + i`: a view into one of the chunks. */
  private slots: (Buffer | undefined)[] = [];
  private first = 0;
  /** Slots before this one are empty. */
  private start = 0;
  /** Oldest first; entries are written to the last. */
  private chunks: Chunk[] = [];
  private entries = 0;

  constructor(
    private readonly maxBytes = MAX_BYTES,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  /** The memory held: whole chunks, each entry's view, and every slot. */
  get size(): number {
    return (
      this.chunks.length * this.chunkBytes + this.entries * ENTRY_OVERHEAD + this.slots.length * SLOT_BYTES
    );
  }

  /** An event committed: its entry. */
  add(eventSeq: number, entry: Buffer): void {
    // One too large for a chunk is read from the outbox when sent.
    if (entry.length > this.chunkBytes || this.chunkBytes + ENTRY_OVERHEAD > this.maxBytes) return;
    let slot = eventSeq - this.first;
    if (this.start === this.slots.length || slot - this.slots.length > MAX_GAP) {
      this.clear();
      this.first = eventSeq;
      slot = 0;
    }
    // Older than what is held (a transaction that committed late): read from the outbox when sent.
    if (slot < this.start || this.slots[slot] !== undefined) return;
    let chunk = this.chunks.at(-1);
    if (chunk === undefined || chunk.used + entry.length > this.chunkBytes) {
      chunk = { bytes: Buffer.allocUnsafeSlow(this.chunkBytes), used: 0, lastSeq: eventSeq };
      this.chunks.push(chunk);
    }
    chunk.bytes.set(entry, chunk.used);
    while (this.slots.length < slot) this.slots.push(undefined);
    this.slots[slot] = chunk.bytes.subarray(chunk.used, chunk.used + entry.length);
    chunk.used += entry.length;
    chunk.lastSeq = Math.max(chunk.lastSeq, eventSeq);
    this.entries++;
    while (this.size > this.maxBytes) {
      // Only empty slots left (their entries all gone): start afresh.
      if (this.chunks.length === 0) return this.clear();
      this.dropOldestChunk();
    }
  }

  /** The world these events belonged to is gone (a reset): its row numbers may be drawn again. */
  clear(): void {
    this.slots = [];
    this.first = 0;
    this.start = 0;
    this.chunks = [];
    this.entries = 0;
  }

  /**
   * The event's entry on a channel. Each event is held on its own channel (`messaging`, or `changes` for
   * comments and mentions); a delivery on `standby` (an app that does not control the thread) is read from
   * the outbox, so that the routing costs the deliveries of accounts without it nothing.
   */
  get(eventSeq: number, channel: WebhookChannel): Buffer | undefined {
    return channel === 'standby' ? undefined : this.slots[eventSeq - this.first];
  }

  private dropOldestChunk(): void {
    const chunk = this.chunks.shift()!;
    // Its entries lie between the first slot held and its last row (a late commit may sit among them).
    const end = Math.min(chunk.lastSeq - this.first + 1, this.slots.length);
    for (let slot = this.start; slot < end; slot++) {
      if (this.slots[slot]?.buffer === chunk.bytes.buffer) {
        this.slots[slot] = undefined;
        this.entries--;
      }
    }
    while (this.start < this.slots.length && this.slots[this.start] === undefined) this.start++;
    // The emptied front is let go once it is most of the array.
    if (this.start > 1024 && this.start * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.start);
      this.first += this.start;
      this.start = 0;
    }
  }
}
