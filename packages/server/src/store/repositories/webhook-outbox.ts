/**
 * The webhook outbox: events, their deliveries in streams (an app's deliveries for one conversation), and the
 * attempts made, written once for SQLite and PostgreSQL.
 */
import type { DbContext } from '../db-context.ts';
import type { WebhookStreamsRepository } from './webhook-streams.ts';
import { sql, type Updateable } from 'kysely';
import type {
  DeliveryStatus,
  NewWebhookDelivery,
  NewWebhookAttempt,
  NewWebhookEvent,
  WebhookDeliveriesTable,
} from '../schema.ts';
import type { CarriedRange } from '../shapes.ts';

/** Literals, so that SQLite (which cannot prove a bound parameter matches) uses the partial indexes. */
const PENDING = sql.lit<DeliveryStatus>('pending');
const REPLAY = sql.lit<DeliveryStatus>('replay');

export class WebhookOutboxRepository {
  constructor(
    private readonly ctx: DbContext,
    private readonly streams: WebhookStreamsRepository,
  ) {}

  /**
   * Stores an event and its deliveries, one per app that receives it, each at the end of its stream; answers
   * the event's row.
   */
  async insertEvent(event: NewWebhookEvent, deliveries: readonly NewWebhookDelivery[]) {
    const [eventRow] = await this.ctx.queries.rows(this.ctx.db, 'webhookEvent', { ...event }, (a) =>
      this.ctx.db.insertInto('webhook_events').values(a).returning('seq'),
    );
    const eventSeq = eventRow!.seq;
    for (const d of deliveries) {
      const delivery = { ...d, event_seq: eventSeq, status: 'pending' as const };
      if (this.ctx.dialect === 'postgres') {
        // The row number is drawn under the stream's lock, so a stream's rows commit in row order: a worker
        // that sent a stream through row N never finds a row below N committed later.
        const seq = await this.streams.extend(d);
        await this.ctx.queries.run(this.ctx.db, 'webhookDeliveryAt', { ...delivery, seq }, (a) =>
          this.ctx.db.insertInto('webhook_deliveries').values(a),
        );
      } else {
        const [inserted] = await this.ctx.queries.rows(this.ctx.db, 'webhookDelivery', delivery, (a) =>
          this.ctx.db.insertInto('webhook_deliveries').values(a).returning('seq'),
        );
        await this.streams.extend(d, inserted!.seq);
      }
    }
    return eventSeq;
  }

  /** The events of these rows (those that exist). */
  async listEvents(eventSeqs: readonly number[]) {
    if (eventSeqs.length === 0) return [];
    return this.ctx.db
      .selectFrom('webhook_events')
      .selectAll()
      .where('seq', 'in', this.ctx.numberList(eventSeqs))
      .execute();
  }

  /** Settles deliveries one by one (dropped, given up, a replay delivered); with an attempt, logs it. */
  async updateDeliveries(
    seqs: readonly number[],
    patch: Updateable<WebhookDeliveriesTable>,
    attemptSeq?: number,
  ) {
    if (seqs.length === 0) return;
    await this.ctx.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        ...patch,
        ...(attemptSeq !== undefined && {
          attempts: eb('attempts', '+', 1),
          attempt_log: sql<string>`coalesce(attempt_log || ',', '') || ${String(attemptSeq)}`,
        }),
      }))
      .where('seq', 'in', this.ctx.numberList(seqs))
      .execute();
  }

  /** Gives up on the deliveries not yet sent of an app installed on one account; their streams go on. */
  async failPending(appId: string, accountId: string, error: string, at: number) {
    const unsent = await this.ctx.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_streams as s', (join) =>
        join.onRef('s.app_id', '=', 'd.app_id').onRef('s.order_key', '=', 'd.order_key'),
      )
      .select(['d.seq', 'd.order_key'])
      .where('d.app_id', '=', appId)
      .where('d.installed_on', '=', accountId)
      .where((eb) =>
        eb.or([
          eb('d.status', '=', REPLAY),
          eb.and([eb('d.status', '=', PENDING), eb('d.seq', '>', eb.ref('s.sent_through'))]),
        ]),
      )
      .execute();
    if (unsent.length === 0) return;
    await this.updateDeliveries(
      unsent.map((d) => d.seq),
      { status: 'failed', last_error: error },
    );
    // Their streams stop retrying; the next claim finds nothing to send in them and moves their marks on.
    await this.ctx.db
      .updateTable('webhook_streams')
      .set({ attempts: 0, retry_through: null, replays: 0, last_error: null, next_attempt_at: at })
      .where('app_id', '=', appId)
      .where('order_key', 'in', this.ctx.numberList([...new Set(unsent.map((d) => d.order_key))]))
      .execute();
  }

  /** Records a POST and the stream rows it carried. */
  async insertAttempt(attempt: NewWebhookAttempt, carried: readonly CarriedRange[]) {
    // Every attempt names the same columns: one shape.
    const [inserted] = await this.ctx.queries.rows(this.ctx.db, 'webhookAttempt', { ...attempt }, (a) =>
      this.ctx.db.insertInto('webhook_attempts').values(a).returning('seq'),
    );
    const seq = inserted!.seq;
    // A range a statement, through one compiled shape: a statement of as many rows as the POST carried
    // ranges would be built and compiled again for each count.
    for (const range of carried) {
      const row = { ...range, attempt_seq: seq, app_id: attempt.app_id };
      await this.ctx.queries.run(this.ctx.db, 'webhookAttemptRange', row, (a) =>
        this.ctx.db.insertInto('webhook_attempt_ranges').values(a),
      );
    }
    return seq;
  }

  /** Sends a delivery again, whatever became of it, with its stream, now. */
  async replay(seq: number, now: number) {
    const row = await this.ctx.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_streams as s', (join) =>
        join.onRef('s.app_id', '=', 'd.app_id').onRef('s.order_key', '=', 'd.order_key'),
      )
      .select(['d.status', 'd.app_id', 'd.order_key', 's.sent_through'])
      .where('d.seq', '=', seq)
      .executeTakeFirst();
    if (!row) return;
    // One not yet sent goes with its stream; any other is sent again on its own.
    const unsent = row.status === 'pending' && seq > row.sent_through;
    const replayed = !unsent && row.status !== 'replay';
    if (replayed) {
      await this.updateDeliveries([seq], { status: 'replay', last_error: null, delivered_at: null });
    }
    await this.ctx.db
      .updateTable('webhook_streams')
      .set((eb) => ({
        next_attempt_at: now,
        ...(replayed && { replays: eb('replays', '+', 1) }),
      }))
      .where('app_id', '=', row.app_id)
      .where('order_key', '=', row.order_key)
      .execute();
  }
}
