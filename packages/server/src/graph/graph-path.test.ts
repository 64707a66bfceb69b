import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.ts';
import { graphVersion, parseGraphPath } from './graph-path.ts';

const parse = (path: string) => parseGraphPath(path, DEFAULT_CONFIG.versions);

describe('parseGraphPath', () => {
  it('accepts versioned and unversioned paths', () => {
    expect(parse('/v23.0/me/conversations')).toEqual({ version: 'v23.0', segments: ['me', 'conversations'] });
    expect(parse('/me/conversations/')).toEqual({ version: 'v21.0', segments: ['me', 'conversations'] });
    expect(parse('/v26.0/123')).toEqual({ version: 'v26.0', segments: ['123'] });
    expect(parse('/')).toEqual({ version: 'v21.0', segments: [] });
  });

  it('serves expired versions as the oldest one', () => {
    expect(parse('/v12.0/me').version).toBe('v19.0');
  });

  it('refuses unknown versions and extra path components with 2500', () => {
    expect(() => parse('/v99.0/me')).toThrow('Unknown path components: /v99.0');
    expect(() => parse('/v23.0/me/conversations/x/y')).toThrow('Unknown path components: /x/y');
    expect(() => parse('/v23.0/%E0%A4')).toThrow('Unknown path components');
    // Versions are whole numbers: no minor versions, no leading zeros, and one per path.
    expect(() => parse('/v23.5/me')).toThrow('Unknown path components: /v23.5');
    // Versions before v4.0 had minors: all expired, served as the oldest (passport-facebook asks for v3.2).
    expect(parse('/v3.2/me').version).toBe(parse('/v19.0/me').version);
    expect(parse('/v2.12/me').segments).toEqual(['me']);
    expect(() => parse('/v1.0/me')).toThrow('Unknown path components: /v1.0');
    expect(() => parse('/v3.02/me')).toThrow('Unknown path components: /v3.02');
    expect(() => parse('/v023.0/me')).toThrow('Unknown path components: /v023.0');
    expect(() => parse('/v23.0/v23.0/me')).toThrow('Unknown path components: /v23.0/me');
  });

  it('reads the version alone, before the rest of the path', () => {
    expect(graphVersion('/v23.0/me/conversations/x/y', DEFAULT_CONFIG.versions)).toBe('v23.0');
    expect(graphVersion('/v12.0/%ZZ', DEFAULT_CONFIG.versions)).toBe('v19.0');
    expect(graphVersion('/me', DEFAULT_CONFIG.versions)).toBe('v21.0');
  });
});
