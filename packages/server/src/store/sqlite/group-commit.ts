/**
 * Group commit for SQLite. Write transactions that arrive together share one SQLite transaction: each runs in
 * its own SAVEPOINT (a failing one is rolled back alone), and one COMMIT makes the whole group durable before
 * any of them is answered. With one connection, SQLite runs transactions one after another anyway; sharing
 * the commit means far fewer WAL frames, fsyncs and checkpoints under load.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

interface Job {
  work(trx: Transaction<Database>): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Compiled once: each job in a group runs between these. */
const SAVEPOINT = CompiledQuery.raw('savepoint parley_job');
const RELEASE = CompiledQuery.raw('release parley_job');
const ROLLBACK = CompiledQuery.raw('rollback to parley_job');

/** The most transactions one commit carries, so none waits long behind the others. */
const MAX_GROUP = 256;

export class GroupCommit {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.running) return;
      this.running = true;
      // Start on the next turn of the event loop: requests being read meanwhile join this group. (Starting at
      // once would hold the connection, and their reads, until the commit: every group would be one.)
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      await this.commitGroup(this.queue.splice(0, MAX_GROUP));
    } finally {
      // Later arrivals form the next group, again after a turn of the event loop.
      if (this.queue.length > 0) setImmediate(() => void this.drain());
      else this.running = false;
    }
  }

  private async commitGroup(group: Job[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const job of group) {
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await job.work(trx);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await trx.executeQuery(ROLLBACK);
            await trx.executeQuery(RELEASE);
            outcomes.push({ ok: false, value: error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the group is stored.
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) =>
      outcomes[i]!.ok ? job.resolve(outcomes[i]!.value) : job.reject(outcomes[i]!.value),
    );
  }
}
