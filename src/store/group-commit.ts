/**
 * Group commit for the embedded SQLite store. A commit in WAL mode writes every changed page to
 * the log (and now and then checkpoints with fsync): it costs more than all the statements of a
 * typical change together. SQLite has one writer anyway, so transactions that arrive while one is
 * running are queued, and the next batch runs them back to back inside ONE transaction, each in
 * its own SAVEPOINT: a unit of work that fails is rolled back alone, the others commit together.
 * Nobody is answered before the batch's COMMIT, so an acknowledged change is as durable as before.
 */
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Exec, SqliteExec } from './prepared.ts';

/** A unit of work: the transaction, and the executor for prepared statements inside it. */
type Work = (trx: Transaction<Database>, x: Exec) => Promise<unknown>;

interface Pending {
  work: Work;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** The most units in one transaction: bounds the latency one batch adds to the next. */
const MAX_BATCH = 128;

export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private running = false;

  /**
   * @param db the store's Kysely instance (one connection: SQLite)
   * @param raw the same connection, for prepared statements and savepoints inside a transaction
   * @param inTransaction whether that connection is inside a transaction (better-sqlite3's
   *   `inTransaction`): SQLite rolls a whole transaction back by itself after SQLITE_FULL,
   *   SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM, and a ROLLBACK or ROLLBACK TO then fails with a
   *   second error ("cannot rollback - no transaction is active") that hides the first.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly raw: SqliteExec,
    private readonly inTransaction: () => boolean,
    /** Runs after each COMMIT, between transactions (the WAL rewind, checkpointer.ts). */
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  /** One transaction of its own, not queued behind batches (store.transact grouped: false). */
  alone<T>(work: (trx: Transaction<Database>, x: Exec) => Promise<T>): Promise<T> {
    return this.transaction((trx) => work(trx, this.raw));
  }

  /** BEGIN, body, COMMIT; on failure a ROLLBACK only if SQLite has not already rolled back. */
  private async transaction<T>(body: (trx: ControlledTransaction<Database>) => Promise<T>): Promise<T> {
    const trx = await this.db.startTransaction().execute();
    let value: T;
    try {
      value = await body(trx);
      await trx.commit().execute();
    } catch (err) {
      // rollback() releases the connection even when it fails; that failure only matters if a
      // transaction is still open
      const open = this.inTransaction();
      await trx
        .rollback()
        .execute()
        .catch((rollbackErr: unknown) => {
          if (open) throw rollbackErr;
        });
      throw err;
    }
    // between transactions only: another one may have begun on the connection since the COMMIT
    if (!this.inTransaction()) this.afterCommit();
    return value;
  }

  run<T>(work: (trx: Transaction<Database>, x: Exec) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Let the event loop take in what has already arrived (other requests' bodies, their
      // first reads) before committing: a one-tick wait turns a stream of lone commits into
      // batches under load, and costs microseconds when idle.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        if (batch.length === 1) {
          // alone: a plain transaction, no savepoint overhead
          const only = batch[0]!;
          await this.transaction((trx) => only.work(trx, this.raw)).then(only.resolve, only.reject);
          continue;
        }
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      await this.transaction(async (trx) => {
        // the savepoints run on the raw connection: this transaction holds it
        const raw = this.raw;
        for (const item of batch) {
          raw.runText('savepoint unit');
          try {
            const value = await item.work(trx, raw);
            raw.runText('release savepoint unit');
            outcomes.push({ ok: true, value });
          } catch (err) {
            // SQLite rolled the whole transaction back (disk full, I/O error): the units before
            // this one are gone too, so the batch fails as one, with this error
            if (!this.inTransaction()) throw err;
            raw.runText('rollback to savepoint unit');
            raw.runText('release savepoint unit');
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // the COMMIT itself failed, or SQLite rolled the transaction back: nothing of the batch was kept
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.err);
    });
  }
}
