/** Databases as an earlier Parley left them: migrated up to (not including) a migration, then filled. */
import type { Kysely } from 'kysely';
import { migrationProvider } from '../../src/store/migrations.ts';
import { isPostgresUrl, migratorFor } from '../../src/store/open-store.ts';
import { connectPostgres } from '../../src/store/postgres/connect.ts';
import type { Database } from '../../src/store/schema.ts';
import { connectSqlite } from '../../src/store/sqlite/connect.ts';

export async function databaseBefore(
  target: string,
  migration: string,
  fill: (db: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const dialect = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  const db: Kysely<Database> = dialect === 'postgres' ? await connectPostgres(target) : connectSqlite(target);
  try {
    const all = await migrationProvider(dialect).getMigrations();
    const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < migration));
    const migrator = await migratorFor(db, dialect, { getMigrations: async () => before });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    await fill(db);
  } finally {
    await db.destroy();
  }
}
