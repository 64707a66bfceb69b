/**
 * Webhook streams: an app's deliveries for one conversation, sent in order. A stream's row marks how far it
 * was queued and sent, when it is due, and who holds it; workers claim due streams with their rows.
 */
import type { DbContext } from '../db-context.ts';
import type { WebhookChannel } from '@parley/protocol';
import { sql } from 'kysely';
import type {
  ClaimedDelivery,
  ClaimedStream,
  DeliveryStatus,
  NewWebhookDelivery,
  WebhookObject,
} from '../schema.ts';
import type { ClaimRequest, StreamPatch } from '../shapes.ts';

/** Literals, so that SQLite (which cannot prove a bound parameter matches) uses the partial indexes. */
const REPLAY = sql.lit<DeliveryStatus>('replay');
/** The partial index's condition, word for word: a stream with something to send. */
const BUSY = sql<boolean>`(queued_through > sent_through or replays > 0)`;
/** PostgreSQL: the delivery rows' sequence, drawn from under the stream's lock. */
const NEXT_DELIVERY_ROW = sql<number>`nextval(pg_get_serial_sequence('webhook_deliveries', 'seq'))`;

const NONE: StreamRows = { rows: [] };

interface StreamRows {
  readonly object?: WebhookObject;
  readonly rows: readonly ClaimedDelivery[];
}

/** A stream's rows, each column a JSON array. */
interface AggregatedRows {
  object: WebhookObject | null;
  seqs: string;
  statuses: string;
  accounts: string;
  channels: string;
  events: string;
  times: string;
}

export class WebhookStreamsRepository {
  constructor(private readonly ctx: DbContext) {}

  /**
   * Puts a row at the end of its stream (made on its first row); answers the row's number, drawn here when
   * none is given.
   */
  async extend(d: NewWebhookDelivery, seq?: number) {
    const args = { appId: d.app_id, orderKey: d.order_key, seq: seq ?? 0, at: d.created_at };
    const shape = seq === undefined ? 'webhookStreamExtendNext' : 'webhookStreamExtend';
    const [extended] = await this.ctx.queries.rows(this.ctx.db, shape, args, (a) => {
      const row = seq === undefined ? NEXT_DELIVERY_ROW : a.seq;
      return this.ctx.db
        .insertInto('webhook_streams')
        .values({
          app_id: a.appId,
          order_key: a.orderKey,
          queued_through: row,
          sent_through: 0,
          next_attempt_at: a.at,
        })
        .onConflict((oc) =>
          oc.columns(['app_id', 'order_key']).doUpdateSet({
            queued_through: row,
            // An idle stream is due from its new row's time; a busy one keeps its schedule.
            next_attempt_at: sql<number>`case when webhook_streams.queued_through <= webhook_streams.sent_through
              and webhook_streams.replays = 0 then excluded.next_attempt_at
              else webhook_streams.next_attempt_at end`,
          }),
        )
        .returning('queued_through');
    });
    return Number(extended!.queued_through);
  }

  /** Streams with something to send, due by the sandbox clock and not leased: `(now, realNow)`. */
  private dueStreams(now: number, realNow: number) {
    return this.ctx.db
      .selectFrom('webhook_streams')
      .where(BUSY)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', realNow)]));
  }

  /** Whether a claim now would find a stream (a read, outside any transaction, that locks nothing). */
  async hasDue(now: number, realNow: number) {
    const due = await this.ctx.first('hasDueWebhookStreams', { now, realNow }, (a) =>
      this.dueStreams(a.now, a.realNow).select(sql.lit(1).as('due')).limit(sql.lit(1)),
    );
    return due !== undefined;
  }

  /**
   * Leases due streams, those due first, with their rows to send (up to `limit` in all): a stream's refused
   * head alone while it is retried, else its rows not yet sent; and its replays. Runs inside a transaction.
   */
  async claim({ now, realNow, leaseUntil, limit }: ClaimRequest) {
    const due = await this.ctx.queries.rows(
      this.ctx.db,
      'claimWebhookStreams',
      { now, realNow, limit },
      (a) => {
        const query = this.dueStreams(a.now, a.realNow)
          .select([
            'app_id',
            'order_key',
            'queued_through',
            'sent_through',
            'retry_through',
            'attempts',
            'replays',
          ])
          .orderBy('next_attempt_at')
          .limit(a.limit);
        // Another worker may be claiming some of them: those are skipped, not waited for.
        return this.ctx.dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
      },
    );
    const claimed: ClaimedStream[] = [];
    let budget = limit;
    for (const s of due) {
      if (budget <= 0) break;
      const stream = { appId: s.app_id, orderKey: s.order_key };
      const replays = s.replays > 0 ? await this.rowsOf(stream, 'replays', 0, s.sent_through, budget) : NONE;
      // A refused head is retried alone: what came after it waits.
      const end = s.retry_through ?? s.queued_through;
      const room = budget - replays.rows.length;
      const unsent =
        end > s.sent_through && room > 0
          ? await this.rowsOf(stream, 'unsent', s.sent_through, end, room)
          : NONE;
      budget = room - unsent.rows.length;
      const through =
        room <= 0 ? s.sent_through : unsent.rows.length === room ? unsent.rows.at(-1)!.seq : end;
      const object = unsent.object ?? replays.object ?? 'instagram';
      claimed.push({ ...s, object, through, rows: [...replays.rows, ...unsent.rows] });
    }
    const byApp = new Map<string, number[]>();
    for (const s of claimed) {
      const keys = byApp.get(s.app_id);
      if (keys) keys.push(s.order_key);
      else byApp.set(s.app_id, [s.order_key]);
    }
    for (const [appId, keys] of byApp) await this.lease(appId, keys, leaseUntil);
    return claimed;
  }

  /**
   * A stream's rows in (after, upTo], at most `limit`: its unsent ones (any status, so that those settled
   * one by one mark where they lie), or its replays. Read from the stream's covering index alone, as one row
   * per stream, each column a JSON array of the rows' values in row order: reading them row by row, column by
   * column, costs several times what finding them does. Their events are read apart, and only where not cached.
   */
  private async rowsOf(
    stream: { appId: string; orderKey: number },
    which: 'unsent' | 'replays',
    after: number,
    upTo: number,
    limit: number,
  ): Promise<StreamRows> {
    const { rows } = await this.ctx.queries.run(
      this.ctx.db,
      `webhookStreamRows ${which}`,
      { ...stream, after, upTo, limit },
      // Built only when the shape is not cached yet.
      (a) => {
        const pg = this.ctx.dialect === 'postgres';
        const list = (column: string) =>
          pg
            ? sql`json_agg(${sql.ref(column)} order by seq)::text`
            : // SQLite aggregates the rows in the order the subquery yields them; an ORDER BY here would sort
              // each column again, and double the read.
              sql`json_group_array(${sql.ref(column)})`;
        const replays = which === 'replays' ? sql`and status = ${REPLAY}` : sql``;
        const query = sql<AggregatedRows>`
        select min(object) as object, ${list('seq')} as seqs, ${list('status')} as statuses,
          ${list('installed_on')} as accounts, ${list('channel')} as channels, ${list('event_seq')} as events, ${list('created_at')} as times
        from (
          select seq, status, object, installed_on, channel, event_seq, created_at from webhook_deliveries
          where app_id = ${a.appId} and order_key = ${a.orderKey} and seq > ${a.after} and seq <= ${a.upTo}
            ${replays}
          -- Bound inside cast(), as the SQLite compiler writes every bound limit (sqlite/connect.ts).
          order by seq limit cast(${a.limit} as integer)
        ) d`;
        return { compile: () => query.compile(this.ctx.db) };
      },
    );
    const row = rows[0];
    // No rows: no object (and SQLite's arrays are empty, PostgreSQL's null).
    if (!row?.object) return NONE;
    const statuses = JSON.parse(row.statuses) as DeliveryStatus[];
    const accounts = JSON.parse(row.accounts) as string[];
    const channels = JSON.parse(row.channels) as WebhookChannel[];
    const events = JSON.parse(row.events) as number[];
    const times = JSON.parse(row.times) as number[];
    const read = (JSON.parse(row.seqs) as number[]).map((seq, i) => ({
      seq,
      status: statuses[i]!,
      order_key: stream.orderKey,
      installed_on: accounts[i]!,
      channel: channels[i]!,
      event_seq: events[i]!,
      event_time: times[i]!,
    }));
    // A stream goes out in row order, whatever order an aggregate ever met its rows in.
    if (read.some((r, i) => i > 0 && r.seq < read[i - 1]!.seq)) read.sort((a, b) => a.seq - b.seq);
    return { object: row.object, rows: read };
  }

  /** Leases an app's streams until then, or frees them (null). */
  async lease(appId: string, orderKeys: readonly number[], until: number | null) {
    if (orderKeys.length === 0) return;
    // Every claim leases: a compiled shape.
    const args = { appId, until, orderKeys: this.ctx.numberListParameter(orderKeys) };
    await this.ctx.queries.run(this.ctx.db, 'leaseWebhookStreams', args, (a) =>
      this.ctx.db
        .updateTable('webhook_streams')
        .set({ lease_until: a.until })
        .where('app_id', '=', a.appId)
        .where('order_key', 'in', this.ctx.numbersIn(a.orderKeys)),
    );
  }

  /** Frees every lease (a single-process store, starting up). */
  async releaseLeases() {
    await this.ctx.db
      .updateTable('webhook_streams')
      .set({ lease_until: null })
      .where('lease_until', 'is not', null)
      .execute();
  }

  async update(appId: string, orderKey: number, { replays_settled, ...patch }: StreamPatch) {
    // A round writes one of a few shapes of patch to each of its streams.
    const columns = Object.keys(patch).sort() as (keyof typeof patch)[];
    const settled = replays_settled ? 1 : 0;
    const args = { ...patch, appId, orderKey, replaysSettled: replays_settled ?? 0 };
    await this.ctx.queries.run(this.ctx.db, `webhookStream ${columns.join(',')} ${settled}`, args, (a) =>
      this.ctx.db
        .updateTable('webhook_streams')
        .set((eb) => ({
          ...Object.fromEntries(columns.map((column) => [column, a[column]])),
          ...(settled && { replays: eb('replays', '-', a.replaysSettled) }),
        }))
        .where('app_id', '=', a.appId)
        .where('order_key', '=', a.orderKey),
    );
  }
}
