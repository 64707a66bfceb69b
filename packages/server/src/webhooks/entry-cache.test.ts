import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { entryOf, WebhookEntryCache } from './entry-cache.ts';

setFlagsFromString('--expose-gc');

describe('webhook entry cache', () => {
  it("writes an event's entry[] item as Meta does", () => {
    expect(
      entryOf('17841400000000001', 1_780_000_000_123, '{"n":"\\uc548"}', 'messaging').toString('latin1'),
    ).toBe('{"id":"17841400000000001","time":1780000000123,"messaging":[{"n":"\\uc548"}]}');
  });

  it('lets the oldest chunk of entries go beyond its size, all memory counted', () => {
    const cache = new WebhookEntryCache(5000, 1000);
    for (let seq = 1; seq <= 100; seq++) cache.add(seq, Buffer.alloc(100, seq));
    expect(cache.size).toBeLessThanOrEqual(5000);
    const held = [...Array(100).keys()].map((i) => i + 1).filter((seq) => cache.get(seq, 'messaging'));
    // The newest, from the start of a chunk (10 entries each) on, byte for byte.
    expect(held.at(-1)).toBe(100);
    expect(held.length).toBe(100 - held[0]! + 1);
    expect(held[0]! % 10).toBe(1);
    expect(cache.get(100, 'messaging')).toEqual(Buffer.alloc(100, 100));
    cache.add(101, Buffer.alloc(1001));
    expect(cache.get(101, 'messaging')).toBeUndefined();
  });

  it('holds no more memory than its size, however the entries were allocated', async () => {
    const collect = runInNewContext('gc') as () => void;
    // Memory let go by a collection is counted out a little later.
    const gc = async () => {
      for (let i = 0; i < 3; i++) {
        collect();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const maxBytes = 8 * 1024 * 1024;
    const cache = new WebhookEntryCache(maxBytes);
    const event = JSON.stringify({ sender: { id: '1' }, message: { mid: 'm', text: 'x'.repeat(250) } });
    await gc();
    const before = process.memoryUsage();
    for (let seq = 1; seq <= 100_000; seq++) {
      // Entries are small Buffers from Node's shared slabs, cut between others that are let go at once.
      cache.add(seq, entryOf('17841400000000001', seq, event, 'messaging'));
      Buffer.from(event);
    }
    await gc();
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(cache.size).toBeLessThanOrEqual(maxBytes);
    expect(grown).toBeLessThan(maxBytes * 1.25);
    expect(cache.get(100_000, 'messaging')?.toString('latin1')).toContain('"time":100000');
  });

  it("counts the empty slots other processes' rows leave, and starts afresh after a long jump", async () => {
    const cache = new WebhookEntryCache(4 * 1024 * 1024);
    const entry = Buffer.alloc(300, 1);
    // Another process numbers 1,000 rows between each of this one's.
    for (let i = 1; i <= 5_000; i++) cache.add(i * 1000, entry);
    expect(cache.size).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(cache.get(5_000_000, 'messaging')).toEqual(entry);
    // Further apart than the cache keeps slots for: each starts afresh, and nothing grows.
    for (let i = 1; i <= 5_000; i++) cache.add(30_000_000 + i * 60_000, entry);
    expect(cache.size).toBeLessThan(2 * 1024 * 1024);
    expect(cache.get(30_000_000 + 5_000 * 60_000, 'messaging')).toEqual(entry);
  });

  it('holds nothing once cleared, so the next world may number its rows from 1 again', () => {
    const cache = new WebhookEntryCache();
    cache.add(1, Buffer.from('old world'));
    cache.clear();
    expect(cache.get(1, 'messaging')).toBeUndefined();
    cache.add(1, Buffer.from('new world'));
    expect(cache.get(1, 'messaging')?.toString()).toBe('new world');
  });

  it('takes rows committed out of order, and starts afresh after a long jump', () => {
    const cache = new WebhookEntryCache();
    cache.add(10, Buffer.from('ten'));
    cache.add(12, Buffer.from('twelve'));
    cache.add(11, Buffer.from('eleven'));
    expect([10, 11, 12].map((seq) => cache.get(seq, 'messaging')?.toString())).toEqual([
      'ten',
      'eleven',
      'twelve',
    ]);
    cache.add(1_000_000, Buffer.from('far'));
    expect([10, 1_000_000].map((seq) => cache.get(seq, 'messaging')?.toString())).toEqual([undefined, 'far']);
    // Older than what is held: left to the outbox.
    cache.add(999_999, Buffer.from('late'));
    expect(cache.get(999_999, 'messaging')).toBeUndefined();
  });
});
