/** The databases tests run against: a fresh SQLite file, and a fresh schema on PostgreSQL when one is reachable. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, inject } from 'vitest';
import { dropPostgresSchema } from '../../src/store/postgres/connect.ts';

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export function postgresAvailable(): boolean {
  return inject('postgresUrl') !== '';
}

export interface DatabaseTarget {
  /** What `--db` takes: a file path or a postgres:// URL. */
  readonly target: string;
  drop(): Promise<void>;
}

export function newDatabaseTarget(kind: StoreKind): DatabaseTarget {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
    return {
      target: join(dir, 'parley.db'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // Named when first used, not when declared: suites are declared (and skipped) where no PostgreSQL is reachable.
  let target: string | undefined;
  return {
    get target() {
      if (target === undefined) {
        if (!postgresAvailable()) throw new Error('No PostgreSQL is reachable for this suite');
        const url = new URL(inject('postgresUrl'));
        url.searchParams.set('schema', `parley_test_${randomBytes(6).toString('hex')}`);
        target = url.toString();
      }
      return target;
    },
    drop: () => (target === undefined ? Promise.resolve() : dropPostgresSchema(target)),
  };
}

/**
 * Declares the suite once per store. The PostgreSQL copy is skipped (with the global setup's message)
 * where no PostgreSQL is reachable.
 */
export function describeEachStore(title: string, suite: (kind: StoreKind) => void): void {
  for (const kind of STORE_KINDS) {
    describe.skipIf(kind === 'postgres' && !postgresAvailable())(`${title} [${kind}]`, () => suite(kind));
  }
}
