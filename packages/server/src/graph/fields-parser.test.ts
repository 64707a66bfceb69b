import { type GraphError } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { parseFields } from './fields-parser.ts';
import { formatFields } from './projection.ts';

function syntaxError(text: string): GraphError {
  try {
    parseFields(text);
  } catch (error) {
    return error as GraphError;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseFields', () => {
  it('reads a plain list', () => {
    expect(parseFields('id,created_time,from,to,message')?.map((f) => f.name)).toEqual([
      'id',
      'created_time',
      'from',
      'to',
      'message',
    ]);
  });

  it('treats a missing or blank value as "the defaults"', () => {
    expect(parseFields(undefined)).toBeUndefined();
    expect(parseFields('  ')).toBeUndefined();
  });

  it('reads nested selections, limits, aliases and summary in either order', () => {
    const [messages, participants] = parseFields(
      'messages.limit(5){message,from{id}}.summary(true),participants.as(p)',
    )!;
    expect(messages).toMatchObject({ name: 'messages', limit: 5, summary: true });
    expect(messages!.selection!.map((f) => f.name)).toEqual(['message', 'from']);
    expect(messages!.selection![1]!.selection![0]!.name).toBe('id');
    expect(participants).toMatchObject({ name: 'participants', alias: 'p' });
    expect(parseFields('messages{message}.limit(2)')![0]).toMatchObject({ limit: 2 });
  });

  it("keeps a field's arguments and other modifiers by name", () => {
    const [mentioned, comments] = parseFields(
      'mentioned_media.media_id(17873440459141021){caption},comments.order(reverse_chronological).limit(2)',
    )!;
    expect(mentioned).toMatchObject({ name: 'mentioned_media', args: { media_id: '17873440459141021' } });
    expect(mentioned!.selection!.map((f) => f.name)).toEqual(['caption']);
    expect(comments).toMatchObject({ args: { order: 'reverse_chronological' }, limit: 2 });
  });

  it('tolerates spaces and empty items as Graph does', () => {
    expect(parseFields(' id , name ,, ')?.map((f) => f.name)).toEqual(['id', 'name']);
  });

  it('answers 2500 with the position for malformed input', () => {
    const unclosed = syntaxError('id,messages{message');
    expect(unclosed.spec.code).toBe(2500);
    expect(unclosed.message).toBe(
      'Syntax error "Expected "}" instead of end of string." at character 19: id,messages{message',
    );
    expect(syntaxError('id,}').message).toContain('at character 3');
    expect(syntaxError('messages.limit(x)').message).toContain('Expected an integer');
    expect(syntaxError('a{b}{c}').spec.code).toBe(2500);
    expect(syntaxError('na-me').spec.code).toBe(2500);
    expect(syntaxError('messages.limit(3').spec.code).toBe(2500);
  });

  it('refuses selections nested deeper than any request needs, as a syntax error', () => {
    expect(parseFields('a{'.repeat(100) + '}'.repeat(100))).toHaveLength(1);
    expect(syntaxError('a{'.repeat(101) + '}'.repeat(101)).message).toContain('Fields are nested too deeply');
    // Deep enough to overflow a recursive parser's stack.
    expect(syntaxError('a{'.repeat(20_000)).spec.code).toBe(2500);
  });

  it('round-trips through formatFields', () => {
    const text =
      'messages.as(m).limit(5).summary(true){message,from{id}},id,comments.order(chronological){id}';
    expect(formatFields(parseFields(text)!)).toBe(text);
  });
});
