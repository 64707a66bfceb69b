import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../open-store.ts';
import { runStoreSuite } from '../conformance/suite.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
runStoreSuite('sqlite', {
  open: () => openStore(join(dir, 'parley.db')),
  drop: async () => rmSync(dir, { recursive: true, force: true }),
});
