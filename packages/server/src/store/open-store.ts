/** Opens the store a `--db` value names (a SQLite file, `:memory:`, or a postgres:// URL) and migrates it. */
import { Migrator, type Kysely } from 'kysely';
import { KyselyStore } from './kysely-store.ts';
import { migrationProvider, type SqlDialectName } from './migrations.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';
import { connectSqlite } from './sqlite/connect.ts';
import { GroupCommit } from './sqlite/group-commit.ts';
import { connectPostgres } from './postgres/connect.ts';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

export async function openStore(target: string): Promise<Store> {
  const dialect: SqlDialectName = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  const db: Kysely<Database> = dialect === 'postgres' ? await connectPostgres(target) : connectSqlite(target);
  try {
    const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, dialect, dialect === 'sqlite' ? { groupCommit: new GroupCommit(db) } : {});
}
