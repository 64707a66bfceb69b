/** The Messenger Profile API's properties: one row per account and property, its value as JSON text. */
import type { DbContext } from '../db-context.ts';

export class MessengerProfilesRepository {
  constructor(private readonly ctx: DbContext) {}

  /** An account's properties by name, their values parsed; empty when none is set. */
  async read(accountId: string): Promise<Map<string, unknown>> {
    const rows = await this.ctx.db
      .selectFrom('messenger_profile_properties')
      .select(['property', 'value'])
      .where('account_id', '=', accountId)
      .execute();
    return new Map(rows.map((row) => [row.property, JSON.parse(row.value) as unknown]));
  }

  /** Sets these properties (each replacing its earlier value); the others stay as they are. */
  async set(accountId: string, values: ReadonlyMap<string, unknown>, at: number): Promise<void> {
    for (const [property, value] of values) {
      const json = JSON.stringify(value);
      await this.ctx.db
        .insertInto('messenger_profile_properties')
        .values({ account_id: accountId, property, value: json, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['account_id', 'property']).doUpdateSet({ value: json, updated_at: at }),
        )
        .execute();
    }
  }

  async remove(accountId: string, properties: readonly string[]): Promise<void> {
    if (properties.length === 0) return;
    await this.ctx.db
      .deleteFrom('messenger_profile_properties')
      .where('account_id', '=', accountId)
      .where('property', 'in', properties)
      .execute();
  }
}
