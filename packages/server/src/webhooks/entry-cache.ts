/**
 * The `entry[]` items of events written here and not yet delivered, kept as bytes from the commit that queued
 * them until every app they go to has accepted them. The delivery worker reads the rest (another process's
 * events, or ones pushed out by newer ones) from the outbox: the cache only saves reading and assembling
 * them again, and bounds what it holds.
 */

/** What the cache holds at most; beyond it the oldest entries go first. */
const MAX_BYTES = 64 * 1024 * 1024;

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

export class WebhookEntryCache {
  /** By event row, oldest first. */
  private readonly entries = new Map<number, Cached>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  /** An event committed with this many deliveries. */
  add(eventSeq: number, entry: Buffer, deliveries: number): void {
    if (entry.length > this.maxBytes) return;
    this.entries.set(eventSeq, { entry, unsettled: deliveries });
    this.bytes += entry.length;
    for (const [seq, { entry: oldest }] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(seq);
      this.bytes -= oldest.length;
    }
  }

  get(eventSeq: number): Buffer | undefined {
    return this.entries.get(eventSeq)?.entry;
  }

  /** One of the event's deliveries was accepted (or will never be sent): the last one lets the entry go. */
  settled(eventSeq: number): void {
    const cached = this.entries.get(eventSeq);
    if (!cached || --cached.unsettled > 0) return;
    this.entries.delete(eventSeq);
    this.bytes -= cached.entry.length;
  }
}
