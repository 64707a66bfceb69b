import { GraphError } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.ts';
import { asGraphError } from './respond.ts';

describe('asGraphError', () => {
  it('keeps Graph errors, and answers the unforeseen as code 1, or code 2 when the database is unavailable', () => {
    const known = new GraphError('invalidAccessToken');
    expect(asGraphError(known, silentLogger)).toBe(known);
    expect(asGraphError(new TypeError('x is undefined'), silentLogger).spec.code).toBe(1);
    for (const code of ['ECONNREFUSED', '57P01', '08006', 'SQLITE_BUSY']) {
      const error = Object.assign(new Error('down'), { code });
      expect(asGraphError(error, silentLogger).key).toBe('serviceUnavailable');
    }
    expect(asGraphError(new Error('Connection terminated unexpectedly'), silentLogger).status).toBe(503);
  });
});
