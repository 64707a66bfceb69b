import { describe, expect, it } from 'vitest';
import { idKind, isThreadIdOf, metaBase64, metaBase64Decode, newId, threadNumber } from './ids.ts';

describe('ids', () => {
  it('shapes ids like Meta does', () => {
    expect(newId.instagramAccount()).toMatch(/^1784\d{13}$/);
    expect(newId.page()).toMatch(/^1\d{14}$/);
    expect(newId.scopedUser()).toMatch(/^[1-9]\d{15}$/);
    expect(newId.messengerThread()).toMatch(/^t_\d{16}$/);
    expect(newId.instagramUserToken()).toMatch(/^IGAA/);
    expect(newId.pageToken()).toMatch(/^EAA/);
    expect(newId.instagramThread('17841400000000000')).toMatch(/^aWdfZAG06/);
  });

  it('tells thread, message and numeric ids apart by shape', () => {
    expect(idKind(newId.instagramThread('17841400000000000'))).toBe('thread');
    expect(idKind('t_123')).toBe('thread');
    expect(idKind('17841400000000000')).toBe('numeric');
    expect(idKind('aWdfnonsense')).toBe('unknown');
    expect(idKind('../etc')).toBe('unknown');
  });

  it('reads a thread’s own number, always the same one, and tells thread ids of each platform', () => {
    const thread = newId.instagramThread('17841400000000000');
    expect(threadNumber(thread)).toBe(metaBase64Decode(thread)!.split(':').at(-1));
    // An id holding no number gets one from its hash: the same every time.
    expect(threadNumber('not-a-thread')).toMatch(/^\d{1,39}$/);
    expect(threadNumber('not-a-thread')).toBe(threadNumber('not-a-thread'));
    expect(isThreadIdOf('instagram', thread)).toBe(true);
    expect(isThreadIdOf('messenger', thread)).toBe(false);
    expect(isThreadIdOf('messenger', newId.messengerThread())).toBe(true);
    expect(isThreadIdOf('instagram', 't_123')).toBe(false);
    expect(isThreadIdOf('instagram', 'aWdfnonsense')).toBe(false);
  });

  it("escapes base64 the way Meta's ids do", () => {
    // A real Instagram message id, decoded and re-encoded.
    const real =
      'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDM4MzQ1ODY0NDczOjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODE3MTQ4NTc1NTI0NDUwMToyOTk1MzcyODYwMjA0NDA1ODU3Njc5MDczOTgzOTA5MDY4OAZDZD';
    const text = metaBase64Decode(real)!;
    expect(text.startsWith('ig_dm_item:1:IGMessageID:17841438345864473:')).toBe(true);
    expect(metaBase64(text)).toBe(real);
  });

  it('reads back every escape it writes', () => {
    // Bytes whose base64 holds `Z`, `+`, `/` and `=` (and escapes next to each other).
    for (const text of [
      'Z',
      'ZZ',
      '\u00fb\u00ef\u00bf',
      'ig_dm_item:1:?>?>',
      '\u00d9\u009f\u00ff\u00fe~',
      'a',
    ]) {
      const id = metaBase64(text);
      expect(id).not.toMatch(/[+/=]/);
      expect(metaBase64Decode(id)).toBe(text);
    }
    for (let i = 0; i < 500; i++) {
      const text = String.fromCharCode(
        ...Array.from({ length: 1 + (i % 40) }, (_, k) => (i * 31 + k * 97) % 256),
      );
      expect(metaBase64Decode(metaBase64(text))).toBe(text);
    }
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId.scopedUser()));
    expect(ids.size).toBe(1000);
  });
});
