/** Settings: small named values the server keeps (its secret, the clock, what seeding did). */
import type { DbContext } from '../db-context.ts';
export class SettingsRepository {
  constructor(private readonly ctx: DbContext) {}

  async get(key: string) {
    const row = await this.ctx.first('getSetting', { key }, (a) =>
      this.ctx.db.selectFrom('settings').select('value').where('key', '=', a.key),
    );
    return row?.value;
  }

  /** Sets `key` unless it is set already (or being set by a transaction that then commits); answers whether it did. */
  async claim(key: string, value: string): Promise<boolean> {
    const inserted = await this.ctx.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** The keys that start with `prefix`. */
  async keysStartingWith(prefix: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('settings')
      .select('key')
      .where('key', '>=', prefix)
      .where('key', '<', `${prefix}\uffff`)
      .execute();
    return rows.map((row) => row.key);
  }

  async remove(key: string) {
    await this.ctx.db.deleteFrom('settings').where('key', '=', key).execute();
  }

  async set(key: string, value: string) {
    await this.ctx.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
