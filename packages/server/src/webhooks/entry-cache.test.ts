import { describe, expect, it } from 'vitest';
import { entryOf, WebhookEntryCache } from './entry-cache.ts';

describe('webhook entry cache', () => {
  it("writes an event's entry[] item as Meta does", () => {
    expect(
      entryOf('17841400000000001', 1_780_000_000_123, '{"n":"\\uc548"}', 'messaging').toString('latin1'),
    ).toBe('{"id":"17841400000000001","time":1780000000123,"messaging":[{"n":"\\uc548"}]}');
  });

  it('lets the oldest entries go beyond its size', () => {
    const cache = new WebhookEntryCache(10);
    cache.add(1, Buffer.from('aaaa'));
    cache.add(2, Buffer.from('bbbb'));
    cache.add(3, Buffer.from('cccc'));
    expect([1, 2, 3].map((seq) => cache.get(seq, 'messaging')?.toString())).toEqual([
      undefined,
      'bbbb',
      'cccc',
    ]);
    cache.add(4, Buffer.from('dddddd'));
    expect([2, 3, 4].map((seq) => cache.get(seq, 'messaging')?.toString())).toEqual([
      undefined,
      'cccc',
      'dddddd',
    ]);
    cache.add(5, Buffer.from('too large to keep'));
    expect(cache.get(5, 'messaging')).toBeUndefined();
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
