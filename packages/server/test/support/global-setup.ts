/** Runs once before all tests: finds out whether the PostgreSQL suites can run here. */
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL URL the suites use, or '' when none is reachable. */
    postgresUrl: string;
  }
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.PARLEY_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const ok = await reachable(url);
  if (!ok) {
    console.warn(
      `[parley] No PostgreSQL at ${url}: the PostgreSQL suites are skipped (set PARLEY_TEST_POSTGRES_URL to run them).`,
    );
  }
  project.provide('postgresUrl', ok ? url : '');
}
