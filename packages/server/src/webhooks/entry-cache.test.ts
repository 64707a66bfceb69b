import { describe, expect, it } from 'vitest';
import { entryOf, WebhookEntryCache } from './entry-cache.ts';

describe('webhook entry cache', () => {
  it("writes an event's entry[] item as Meta does", () => {
    expect(entryOf('17841400000000001', 1_780_000_000_123, '{"n":"\\uc548"}').toString('latin1')).toBe(
      '{"id":"17841400000000001","time":1780000000123,"messaging":[{"n":"\\uc548"}]}',
    );
  });

  it('keeps an entry until each of its deliveries is settled', () => {
    const cache = new WebhookEntryCache();
    cache.add(1, Buffer.from('one'), 2);
    cache.settled(1);
    expect(cache.get(1)?.toString()).toBe('one');
    cache.settled(1);
    expect(cache.get(1)).toBeUndefined();
  });

  it('lets the oldest entries go beyond its size', () => {
    const cache = new WebhookEntryCache(10);
    cache.add(1, Buffer.from('aaaa'), 1);
    cache.add(2, Buffer.from('bbbb'), 1);
    cache.add(3, Buffer.from('cccc'), 1);
    expect([1, 2, 3].map((seq) => cache.get(seq)?.toString())).toEqual([undefined, 'bbbb', 'cccc']);
    cache.settled(2);
    cache.add(4, Buffer.from('dddddd'), 1);
    expect([3, 4].map((seq) => cache.get(seq)?.toString())).toEqual(['cccc', 'dddddd']);
    cache.add(5, Buffer.from('too large to keep'), 1);
    expect(cache.get(5)).toBeUndefined();
  });

  it('takes rows committed out of order, and starts afresh after a long jump', () => {
    const cache = new WebhookEntryCache();
    cache.add(10, Buffer.from('ten'), 1);
    cache.add(12, Buffer.from('twelve'), 1);
    cache.add(11, Buffer.from('eleven'), 1);
    expect([10, 11, 12].map((seq) => cache.get(seq)?.toString())).toEqual(['ten', 'eleven', 'twelve']);
    cache.add(1_000_000, Buffer.from('far'), 1);
    expect([10, 1_000_000].map((seq) => cache.get(seq)?.toString())).toEqual([undefined, 'far']);
    cache.settled(1_000_000);
    cache.add(5, Buffer.from('five'), 1);
    expect(cache.get(5)?.toString()).toBe('five');
  });
});
