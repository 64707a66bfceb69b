import { describe } from 'vitest';
import { newDatabaseTarget, postgresAvailable } from '../../../test/support/stores.ts';
import { openStore } from '../open-store.ts';
import { runStoreSuite } from '../store-suite.ts';

describe.skipIf(!postgresAvailable())('postgres store (skipped when no PostgreSQL is reachable)', () => {
  const db = newDatabaseTarget('postgres');
  runStoreSuite('postgres', { open: () => openStore(db.target), drop: () => db.drop() });
});
