import { describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.ts';

describe('GraphError', () => {
  it('writes WWW-Authenticate as printable ASCII, cut short where the message quotes a long request', () => {
    const short = new GraphError('invalidParameter', { detail: 'Param x must be "y" – got é' });
    expect(short.wwwAuthenticate()).toBe(
      'OAuth "Facebook Platform" "invalid_request" "(#100) Param x must be y ? got ?"',
    );
    const long = new GraphError('invalidParameter', { detail: `got ${'a'.repeat(20_000)}` });
    expect(long.message.length).toBeGreaterThan(20_000);
    expect(long.wwwAuthenticate()!.length).toBeLessThan(1_100);
    expect(long.wwwAuthenticate()).toMatch(/a\.\.\."$/);
  });
});
