import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idKind, metaBase64, metaBase64Decode, newId } from './ids.ts';
import { MessageIds, writeDecimal } from './message-ids.ts';

const ACCOUNT = '17841400000000000';

describe('message ids', () => {
  const ids = new MessageIds(randomBytes(32));
  const thread = newId.instagramThread(ACCOUNT);

  it('look like Meta’s and are told apart from threads', () => {
    const instagram = ids.instagram(1, ACCOUNT, thread);
    expect(instagram).toMatch(/^aWdfZAG1faXRlbT[A-Za-z0-9]+$/);
    expect(idKind(instagram)).toBe('message');
    // Account, then the thread's own number, then a number of up to 39 digits (a 128-bit block).
    const threadNumber = metaBase64Decode(thread)!.split(':').at(-1);
    expect(metaBase64Decode(instagram)).toMatch(
      new RegExp(`^ig_dm_item:1:IGMessageID:${ACCOUNT}:${threadNumber}:\\d{1,39}$`),
    );
    const messenger = ids.messenger(1);
    expect(messenger).toMatch(/^m_[A-Za-z0-9_-]{86}$/);
    expect(idKind(messenger)).toBe('message');
  });

  it('carry their row, which only the same secret reads back', () => {
    for (const row of [1, 2, 255, 65_536, 1_000_000, 2 ** 40 + 7]) {
      expect(ids.rowOf(ids.instagram(row, ACCOUNT, thread))).toBe(row);
      expect(ids.rowOf(ids.messenger(row))).toBe(row);
    }
    const other = new MessageIds(randomBytes(32));
    expect(other.rowOf(ids.messenger(5))).toBeUndefined();
    expect(other.rowOf(ids.instagram(5, ACCOUNT, thread))).toBeUndefined();
  });

  it('are made from the row and conversation alone, and do not repeat', () => {
    expect(ids.messenger(7)).toBe(ids.messenger(7));
    expect(ids.of(7, { id: 't_123', account_id: '1' })).toBe(ids.messenger(7));
    expect(ids.of(7, { id: thread, account_id: ACCOUNT })).toBe(ids.instagram(7, ACCOUNT, thread));
    expect(ids.instagram(7, ACCOUNT, newId.instagramThread(ACCOUNT))).not.toBe(
      ids.instagram(7, ACCOUNT, thread),
    );
    // Many rows at once, as a list makes them: the same ids as one at a time.
    const rows = [1, 2, 300, 2 ** 33];
    expect(ids.ofRows(rows, { id: thread, account_id: ACCOUNT })).toEqual(
      rows.map((row) => ids.instagram(row, ACCOUNT, thread)),
    );
    expect(ids.ofRows(rows, { id: 't_9', account_id: ACCOUNT })).toEqual(
      rows.map((row) => ids.messenger(row)),
    );
    expect(new Set(rows.map((row) => ids.messenger(row))).size).toBe(rows.length);
    const made = Array.from({ length: 5000 }, (_, i) => ids.instagram(i * 7919 + 1, ACCOUNT, thread));
    expect(new Set(made).size).toBe(5000);
    // Their tails hold every kind of escape: each is read back to its row.
    expect(made.map((id) => ids.rowOf(id))).toEqual(made.map((_, i) => i * 7919 + 1));
  });

  it('read no row from ids made otherwise, altered or malformed', () => {
    const instagram = ids.instagram(42, ACCOUNT, thread);
    const text = metaBase64Decode(instagram)!;
    const altered = metaBase64(text.replace(/\d$/, (d) => String((Number(d) + 1) % 10)));
    expect(ids.rowOf(altered)).toBeUndefined();
    const messenger = ids.messenger(42);
    expect(ids.rowOf(`m_${messenger[2] === 'A' ? 'B' : 'A'}${messenger.slice(3)}`)).toBeUndefined();
    // Ids as Parley made them before they carried rows.
    expect(ids.rowOf(`m_${randomBytes(64).toString('base64url')}`)).toBeUndefined();
    expect(ids.rowOf(metaBase64(`ig_dm_item:1:IGMessageID:${ACCOUNT}:1:${'9'.repeat(38)}`))).toBeUndefined();
    for (const junk of ['m_', 'm_short', 'aWdf', '', 'aWdfZAG1faXRlbTo', metaBase64('ig_dm_item:1:x:1e9')]) {
      expect(ids.rowOf(junk)).toBeUndefined();
    }
    // A number beyond 128 bits.
    expect(ids.rowOf(metaBase64(`ig_dm_item:1:IGMessageID:${ACCOUNT}:1:${'9'.repeat(39)}`))).toBeUndefined();
  });
});

describe('a block written in decimal', () => {
  const decimal = (block: Buffer) => {
    const into = Buffer.alloc(42, '-');
    const length = writeDecimal(block, 0, into, 2);
    // Written where it was asked, and nowhere else.
    expect(into.toString('latin1', 0, 2) + into.toString('latin1', 2 + length)).toBe('-'.repeat(42 - length));
    return into.toString('latin1', 2, 2 + length);
  };

  it('is the number the block holds, without leading zeros', () => {
    const edges = [0n, 1n, 9n, 10n, 999n, 1000n, 65_535n, 65_536n, 10n ** 38n, 2n ** 128n - 1n];
    const random = Array.from({ length: 2000 }, () => BigInt(`0x${randomBytes(16).toString('hex')}`));
    // Short numbers too: most of a random block's digits are significant.
    const short = random.map((n, i) => n >> BigInt(i % 128));
    for (const n of [...edges, ...random, ...short]) {
      const block = Buffer.from(n.toString(16).padStart(32, '0'), 'hex');
      expect(decimal(block)).toBe(n.toString());
    }
  });
});

describe('message ids of threads of every length', () => {
  const ids = new MessageIds(randomBytes(32));

  it('spell their block after the prefix wherever its base64 groups end', () => {
    // Accounts and thread numbers of one to three digits leave zero, one and two characters before the block.
    for (const account of ['1', '12', '123']) {
      for (const number of ['7', '77', '777']) {
        const thread = metaBase64(`ig_dm:1:IGMessageThread:${account}:${number}`);
        const rows = Array.from({ length: 300 }, (_, i) => i * 104_729 + 1);
        const made = ids.ofRows(rows, { id: thread, account_id: account });
        for (const [i, id] of made.entries()) {
          expect(metaBase64Decode(id)).toMatch(
            new RegExp(`^ig_dm_item:1:IGMessageID:${account}:${number}:(0|[1-9]\\d{0,38})$`),
          );
          // The number is the row's block: anything else reads back no row.
          expect(ids.rowOf(id)).toBe(rows[i]);
          expect(metaBase64(metaBase64Decode(id)!)).toBe(id);
        }
      }
    }
  });
});
