/** Conversation routing: the roles apps have on accounts, and which app controls each thread. */
import type { AppRole } from '@parley/protocol';
import type { DbContext } from '../db-context.ts';
import type { AppRoleRow, ThreadOwnerRow } from '../schema.ts';

/**
 * Who controls a thread: the account's primary receiver (null when routing is off: the account gives no app a
 * role), and the app holding the thread instead of it, if any, while its control lasts.
 */
export interface ThreadControl {
  readonly primary: string | null;
  readonly holder: string | null;
}

export class ConversationRoutingRepository {
  constructor(private readonly ctx: DbContext) {}

  /** An account's roles, primary receiver first, then in the order they were given. */
  roles(accountId: string): Promise<AppRoleRow[]> {
    return this.ctx.db
      .selectFrom('app_roles')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('role')
      .orderBy('created_at')
      .orderBy('app_id')
      .execute();
  }

  /** Replaces an account's roles (none turns routing off). */
  async setRoles(accountId: string, roles: readonly { app_id: string; role: AppRole }[], at: number) {
    await this.ctx.db.deleteFrom('app_roles').where('account_id', '=', accountId).execute();
    if (roles.length === 0) return;
    await this.ctx.db
      .insertInto('app_roles')
      .values(roles.map((r, i) => ({ account_id: accountId, ...r, created_at: at + i })))
      .execute();
  }

  /** Who controls a thread at `now`: one statement, run for every send and every routed event. */
  async control(accountId: string, conversationSeq: number, now: number): Promise<ThreadControl> {
    const row = await this.ctx.first('threadControl', { accountId, conversationSeq, now }, (a) =>
      this.ctx.db.selectNoFrom((eb) => [
        eb
          .selectFrom('app_roles')
          .select('app_id')
          .where('account_id', '=', a.accountId)
          .where('role', '=', 'primary_receiver')
          .limit(1)
          .as('primary_receiver'),
        eb
          .selectFrom('thread_owners')
          .select('app_id')
          .where('conversation_seq', '=', a.conversationSeq)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', a.now)]))
          .as('holder'),
      ]),
    );
    return { primary: row?.primary_receiver ?? null, holder: row?.holder ?? null };
  }

  /** The row of the app holding a thread instead of the primary receiver, expired or not. */
  holder(conversationSeq: number): Promise<ThreadOwnerRow | undefined> {
    return this.ctx.db
      .selectFrom('thread_owners')
      .selectAll()
      .where('conversation_seq', '=', conversationSeq)
      .executeTakeFirst();
  }

  /** Gives a thread to an app other than the primary receiver. */
  async hold(row: ThreadOwnerRow) {
    const { account_id, app_id, since, expires_at } = row;
    await this.ctx.db
      .insertInto('thread_owners')
      .values(row)
      .onConflict((oc) =>
        oc.column('conversation_seq').doUpdateSet({ account_id, app_id, since, expires_at }),
      )
      .execute();
  }

  /** The thread returns to the primary receiver. */
  async release(conversationSeq: number) {
    await this.ctx.db.deleteFrom('thread_owners').where('conversation_seq', '=', conversationSeq).execute();
  }

  /** Every thread of the account returns to its primary receiver (its roles changed). */
  async releaseAll(accountId: string) {
    await this.ctx.db.deleteFrom('thread_owners').where('account_id', '=', accountId).execute();
  }
}
