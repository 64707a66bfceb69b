/** What people opted in to: marketing messages tokens (one per topic) and checkbox plugin `user_ref`s. */
import type { Insertable, Updateable } from 'kysely';
import type { DbContext } from '../db-context.ts';
import type { CheckboxOptinsTable, MarketingOptinsTable } from '../schema.ts';

export class OptinsRepository {
  constructor(private readonly ctx: DbContext) {}

  async insertMarketing(row: Insertable<MarketingOptinsTable>) {
    await this.ctx.db.insertInto('marketing_optins').values(row).execute();
  }

  getMarketing(token: string) {
    return this.ctx.db
      .selectFrom('marketing_optins')
      .selectAll()
      .where('token', '=', token)
      .executeTakeFirst();
  }

  /** A person's token for a topic of a business account. */
  marketingTopic(accountId: string, personId: string, title: string) {
    return this.ctx.db
      .selectFrom('marketing_optins')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .where('title', '=', title)
      .executeTakeFirst();
  }

  async updateMarketing(token: string, change: Updateable<MarketingOptinsTable>) {
    await this.ctx.db.updateTable('marketing_optins').set(change).where('token', '=', token).execute();
  }

  /**
   * Takes the token's turn to be messaged at `at`, if its last message was sent no later than `notAfter`:
   * false when another message holds the period, even one sent at the same moment.
   */
  async claimMarketingSend(token: string, at: number, notAfter: number) {
    const result = await this.ctx.db
      .updateTable('marketing_optins')
      .set({ last_sent_at: at })
      .where('token', '=', token)
      .where((eb) => eb.or([eb('last_sent_at', 'is', null), eb('last_sent_at', '<=', notAfter)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** A person's marketing opt-ins, oldest first. */
  marketingOfPerson(personId: string) {
    return this.ctx.db
      .selectFrom('marketing_optins')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('token')
      .execute();
  }

  async insertCheckbox(row: Insertable<CheckboxOptinsTable>) {
    await this.ctx.db.insertInto('checkbox_optins').values(row).execute();
  }

  getCheckbox(accountId: string, userRef: string) {
    return this.ctx.db
      .selectFrom('checkbox_optins')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('user_ref', '=', userRef)
      .executeTakeFirst();
  }

  /** Records the one message a user_ref may be sent: false when another took it first. */
  async claimCheckboxSend(accountId: string, userRef: string, messageId: string) {
    const result = await this.ctx.db
      .updateTable('checkbox_optins')
      .set({ message_id: messageId })
      .where('account_id', '=', accountId)
      .where('user_ref', '=', userRef)
      .where('message_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The person's first answer to a message sent to their user_ref: the user_ref it answers (and marks it
   * answered), or undefined when no such message waits for one.
   */
  async takeUnanswered(accountId: string, personId: string, at: number): Promise<string | undefined> {
    const waiting = await this.ctx.db
      .selectFrom('checkbox_optins')
      .select('user_ref')
      .where('person_id', '=', personId)
      .where('account_id', '=', accountId)
      .where('message_id', 'is not', null)
      .where('replied_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (!waiting) return undefined;
    await this.ctx.db
      .updateTable('checkbox_optins')
      .set({ replied_at: at })
      .where('person_id', '=', personId)
      .where('account_id', '=', accountId)
      .where('message_id', 'is not', null)
      .where('replied_at', 'is', null)
      .execute();
    return waiting.user_ref;
  }

  /** A person's checkbox opt-ins, oldest first. */
  checkboxOfPerson(personId: string) {
    return this.ctx.db
      .selectFrom('checkbox_optins')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .orderBy('user_ref')
      .execute();
  }
}
