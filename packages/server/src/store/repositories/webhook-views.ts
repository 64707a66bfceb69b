/** The sandbox's view of the webhook outbox: deliveries with their state and attempts, as streams decide them. */
import type { DbContext } from '../db-context.ts';
import { sql, type SqlBool } from 'kysely';
import type { DeliveryView, ShownDeliveryStatus } from '../schema.ts';
import type { DeliveryFilter } from '../shapes.ts';

export class WebhookDeliveriesView {
  constructor(private readonly ctx: DbContext) {}

  /** Deliveries, newest first, with their state and attempts. */
  async list(filter: DeliveryFilter) {
    let query = this.deliveryViews();
    if (filter.appId !== undefined) query = query.where(this.deliveryApp(), '=', filter.appId);
    if (filter.object !== undefined) query = query.where('d.object', '=', filter.object);
    if (filter.accountId !== undefined) query = query.where('e.account_id', '=', filter.accountId);
    if (filter.status !== undefined) query = query.where(SHOWN_STATUS, '=', filter.status);
    if (filter.beforeSeq !== undefined) query = query.where('d.seq', '<', filter.beforeSeq);
    if (filter.mentions !== undefined) query = query.where(this.eventMentions(filter.mentions));
    return this.withAttempts(await query.orderBy('d.seq', 'desc').limit(filter.limit).execute());
  }

  /**
   * The delivery's app, for a filter. SQLite would otherwise find an app's rows through the stream index and
   * sort all of them for the newest page (a second per million rows); `+` keeps it walking the rows newest
   * first, which stops after a page.
   */
  private deliveryApp() {
    return this.ctx.dialect === 'sqlite' ? sql<string>`+d.app_id` : sql<string>`d.app_id`;
  }

  /**
   * Whether the event's JSON holds `id` as a string value (quotes included, so a longer id that starts with it
   * does not match). Ids are letters, digits, `_` and `-`, which JSON writes as they are. Read by a scan of the
   * deliveries, newest first, until the page is full: fine for a sandbox's outbox.
   */
  private eventMentions(id: string) {
    const quoted = JSON.stringify(id);
    return this.ctx.dialect === 'sqlite'
      ? sql<SqlBool>`instr(e.event, ${quoted}) > 0`
      : sql<SqlBool>`strpos(e.event, ${quoted}) > 0`;
  }

  async get(seq: number) {
    const [view] = await this.withAttempts(await this.deliveryViews().where('d.seq', '=', seq).execute());
    return view;
  }

  async listAttempts(attemptSeqs: readonly number[]) {
    if (attemptSeqs.length === 0) return [];
    return this.ctx.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('seq', 'in', attemptSeqs)
      .orderBy('seq')
      .execute();
  }

  private deliveryViews() {
    return this.ctx.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.seq', 'd.event_seq')
      .leftJoin('webhook_streams as s', (join) =>
        join.onRef('s.app_id', '=', 'd.app_id').onRef('s.order_key', '=', 'd.order_key'),
      )
      .select([
        'd.seq',
        'd.event_seq',
        'd.app_id',
        'd.object',
        'd.installed_on',
        'd.order_key',
        'd.field',
        'd.channel',
        'd.status as own_status',
        'd.attempts',
        'd.attempt_log',
        'd.last_error',
        'd.delivered_at',
        'd.created_at',
        'e.account_id',
        'e.event',
        'e.event_time',
        's.retry_through',
        's.next_attempt_at',
        's.last_error as stream_error',
      ])
      .select(SHOWN_STATUS.as('status'));
  }

  /** Each delivery's attempts: those that carried it with its stream, and those made for it alone. */
  private async withAttempts(rows: Awaited<ReturnType<ReturnType<typeof this.deliveryViews>['execute']>>) {
    if (rows.length === 0) return [];
    const carried = await this.ctx.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_attempt_ranges as r', (join) =>
        join
          .onRef('r.app_id', '=', 'd.app_id')
          .onRef('r.order_key', '=', 'd.order_key')
          .onRef('r.last_seq', '>=', 'd.seq')
          .onRef('r.first_seq', '<=', 'd.seq'),
      )
      .select(['d.seq', 'r.attempt_seq'])
      .where('d.seq', 'in', this.ctx.numberList(rows.map((row) => row.seq)))
      .execute();
    const attemptsOf = new Map<number, number[]>();
    for (const { seq, attempt_seq } of carried)
      attemptsOf.set(seq, [...(attemptsOf.get(seq) ?? []), attempt_seq]);
    return rows.map(({ own_status, retry_through, next_attempt_at, stream_error, ...row }): DeliveryView => {
      const own = row.attempt_log ? row.attempt_log.split(',').map(Number) : [];
      const attempt_seqs = [...(attemptsOf.get(row.seq) ?? []), ...own].map(Number).sort((a, b) => a - b);
      const pending = row.status === 'pending';
      // A pending row waits for its stream's retry when it is part of the refused head, and behind it after.
      const retrying = pending && own_status === 'pending' && retry_through !== null;
      const waiting = retrying && row.seq <= retry_through;
      return {
        ...row,
        status: row.status,
        next_attempt_at: pending ? next_attempt_at : null,
        held_back: retrying && !waiting,
        last_error: waiting ? stream_error : pending ? null : row.last_error,
        attempt_seqs,
      };
    });
  }
}

/** What the sandbox shows: a pending row its stream was sent through is delivered; a replay is pending. */
const SHOWN_STATUS = sql<ShownDeliveryStatus>`case
  when d.status = 'replay' then 'pending'
  when d.status <> 'pending' then d.status
  when d.seq <= s.sent_through then 'delivered'
  else 'pending' end`;
