/**
 * The `entry[]` items of the events written here lately, kept as bytes from the commit that queued them, so
 * that the delivery worker need not read and assemble them again. The newest are kept, up to a size: the
 * worker reads the rest (another process's events, or ones pushed out by newer ones) from the outbox.
 * Entries are not let go one by one as their deliveries are accepted: that bookkeeping, for every row sent,
 * cost more than the memory it saves.
 */

import type { WebhookChannel } from '@parley/protocol';

/** What the cache holds at most; beyond it the oldest entries go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Event rows are numbered in order: a jump further than this (another process wrote many) starts afresh. */
const MAX_GAP = 65_536;

/**
 * An event's `entry[]` item, `{"id":"<account>","time":<ms>,"<channel>":[<event>]}`: the event is stored
 * serialized as Meta writes JSON, ASCII only, so its bytes are its characters.
 */
export function entryOf(accountId: string, time: number, event: string, channel: WebhookChannel): Buffer {
  return Buffer.from(`{"id":"${accountId}","time":${time},"${channel}":[${event}]}`, 'latin1');
}

/**
 * Held by event row in an array from `first` on, not in a hash map: rows come in order, so looking one up is
 * an index, and the worker looks up every row it sends.
 */
export class WebhookEntryCache {
  /** `slots[i]` holds event row `first + i`. */
  private slots: (Buffer | undefined)[] = [];
  private first = 0;
  /** Slots before this one are empty. */
  private start = 0;
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** An event committed: its `messaging` entry. */
  add(eventSeq: number, entry: Buffer): void {
    if (entry.length > this.maxBytes) return;
    let slot = eventSeq - this.first;
    if (this.start === this.slots.length || slot - this.slots.length > MAX_GAP) {
      this.slots = [];
      this.first = eventSeq;
      this.start = 0;
      this.bytes = 0;
      slot = 0;
    }
    // Older than what is held (a transaction that committed late): read from the outbox when sent.
    if (slot < this.start || this.slots[slot] !== undefined) return;
    while (this.slots.length < slot) this.slots.push(undefined);
    this.slots[slot] = entry;
    this.bytes += entry.length;
    while (this.bytes > this.maxBytes) this.dropOldest();
  }

  /** The world these events belonged to is gone (a reset): its row numbers may be drawn again. */
  clear(): void {
    this.slots = [];
    this.first = 0;
    this.start = 0;
    this.bytes = 0;
  }

  /** The event's entry on a channel: the cache holds `messaging` entries, which nearly every delivery is. */
  get(eventSeq: number, channel: WebhookChannel): Buffer | undefined {
    return channel === 'messaging' ? this.slots[eventSeq - this.first] : undefined;
  }

  private dropOldest(): void {
    this.bytes -= this.slots[this.start]!.length;
    this.slots[this.start] = undefined;
    while (this.start < this.slots.length && this.slots[this.start] === undefined) this.start++;
    // The emptied front is let go once it is most of the array.
    if (this.start > 1024 && this.start * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.start);
      this.first += this.start;
      this.start = 0;
    }
  }
}
