/**
 * The `entry[]` items of events written here and not yet delivered, kept as bytes from the commit that queued
 * them until every app they go to has accepted them. The delivery worker reads the rest (another process's
 * events, or ones pushed out by newer ones) from the outbox: the cache only saves reading and assembling
 * them again, and bounds what it holds.
 */

/** What the cache holds at most; beyond it the oldest entries go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Event rows are numbered in order: a jump further than this (another process wrote many) starts afresh. */
const MAX_GAP = 65_536;

/**
 * An event's `entry[]` item, `{"id":"<account>","time":<ms>,"messaging":[<event>]}`: the event is stored
 * serialized as Meta writes JSON, ASCII only, so its bytes are its characters.
 */
export function entryOf(accountId: string, time: number, event: string): Buffer {
  return Buffer.from(`{"id":"${accountId}","time":${time},"messaging":[${event}]}`, 'latin1');
}

interface Cached {
  readonly entry: Buffer;
  /** Deliveries of the event not yet settled. */
  unsettled: number;
}

/**
 * Held by event row in an array from `first` on, not in a hash map: rows come in order, so looking one up is
 * an index, and the worker looks up every row it sends.
 */
export class WebhookEntryCache {
  /** `slots[i]` holds event row `first + i`. */
  private slots: (Cached | undefined)[] = [];
  private first = 0;
  /** Slots before this one are empty. */
  private start = 0;
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** An event committed with this many deliveries. */
  add(eventSeq: number, entry: Buffer, deliveries: number): void {
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
    this.slots[slot] = { entry, unsettled: deliveries };
    this.bytes += entry.length;
    while (this.bytes > this.maxBytes) this.remove(this.start);
  }

  get(eventSeq: number): Buffer | undefined {
    return this.slots[eventSeq - this.first]?.entry;
  }

  /** One of the event's deliveries was accepted (or will never be sent): the last one lets the entry go. */
  settled(eventSeq: number): void {
    const slot = eventSeq - this.first;
    const cached = this.slots[slot];
    if (cached && --cached.unsettled <= 0) this.remove(slot);
  }

  private remove(slot: number): void {
    const cached = this.slots[slot];
    if (cached) {
      this.slots[slot] = undefined;
      this.bytes -= cached.entry.length;
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
