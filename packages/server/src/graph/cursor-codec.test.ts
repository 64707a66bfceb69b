import { describe, expect, it } from 'vitest';
import { createCursorCodec } from './cursor-codec.ts';

describe('cursor codec', () => {
  const codec = createCursorCodec('secret-one');

  it('round-trips a sort key for the edge it was issued for', () => {
    const cursor = codec.encode('messages:t_1', [[1700000000000, 42]])[0]!;
    expect(cursor.startsWith('QVFI')).toBe(true);
    expect(codec.decode('messages:t_1', cursor)).toEqual([1700000000000, 42]);
  });

  it('encodes several keys in one call as it encodes each alone', () => {
    const keys = [
      [1700000000000, 42],
      [1600000000000, 7],
    ] as const;
    const both = codec.encode('messages:t_1', keys);
    expect(both).toEqual(keys.map((key) => codec.encode('messages:t_1', [key])[0]));
    expect(both.map((cursor) => codec.decode('messages:t_1', cursor))).toEqual(keys);
  });

  it('is opaque: the key cannot be read from the cursor', () => {
    const cursor = codec.encode('messages:t_1', [[1700000000000, 42]])[0]!;
    const other = codec.encode('messages:t_1', [[1700000000000, 43]])[0]!;
    expect(Buffer.from(cursor.slice(4), 'base64url').toString('latin1')).not.toContain('1700000000000');
    // Neighbouring keys share nothing visible.
    expect([...cursor.slice(4)].filter((ch, i) => ch === other[4 + i]).length).toBeLessThan(8);
  });

  it('refuses a cursor replayed on another edge, tampered with, or signed by another server', () => {
    const cursor = codec.encode('conversations:A', [[5, 1]])[0]!;
    expect(codec.decode('conversations:B', cursor)).toBeUndefined();
    const flipped = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    expect(codec.decode('conversations:A', flipped)).toBeUndefined();
    expect(createCursorCodec('secret-two').decode('conversations:A', cursor)).toBeUndefined();
    for (const junk of ['', 'QVFI', 'QVFI!!!', 'abc', 'QVFI' + 'A'.repeat(40), 'QVFI' + 'A'.repeat(22)]) {
      expect(codec.decode('conversations:A', junk)).toBeUndefined();
    }
  });
});
