/**
 * The second short transaction of an attempt: the attempt row (append-only log), the delivery's
 * new state, the endpoint's health, and for the built-in endpoint the room's crmData, together
 * (the statements: record-steps.ts).
 */
import type { Store } from '../open.ts';
import { recordAlone, recordIn } from './record-steps.ts';
import type { RecordInput, Waiting } from './record-steps.ts';
import { OrderedRecordBatch } from './record-ordered.ts';

export type { AttemptRow, Decision, RecordInput } from './record-steps.ts';
export type { BreakerChange, BreakerRule, BreakerState } from './breaker-state.ts';

/**
 * Records one attempt; returns false when our lease was lost (the row changed hands), the attempt
 * is logged anyway. Attempts finishing together are recorded in one transaction: on SQLite in one
 * unit of the group commit (RecordBatch); on PostgreSQL, where several processes record at once,
 * in one transaction that takes its row locks in one global order (record-ordered.ts), so two
 * groups cannot deadlock each other.
 */
export class AttemptRecorder {
  private readonly batch: RecordBatch | OrderedRecordBatch;

  constructor(store: Store) {
    this.batch = store.caps.groupCommit ? new RecordBatch(store) : new OrderedRecordBatch(store);
  }

  record(input: RecordInput): Promise<boolean> {
    return this.batch.add(input);
  }
}

/**
 * Attempts that finish while a unit is waiting to run are recorded by that unit, one after the
 * other, saving each the savepoint pair and the round through the group committer of a unit of
 * its own. The unit takes what has queued up when it starts, so nothing waits longer than it
 * would alone. If the unit fails, each attempt is recorded again on its own, so only the attempt
 * at fault fails (and has its lease released by the worker).
 */
class RecordBatch {
  private queue: Waiting[] = [];
  private unitQueued = false;

  constructor(private readonly store: Store) {}

  add(input: RecordInput): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.unitQueued) this.queueUnit();
    });
  }

  private queueUnit(): void {
    this.unitQueued = true;
    let taken: Waiting[] | undefined;
    this.store
      .transact(async (_trx, x) => {
        taken = this.take();
        const updated: boolean[] = [];
        for (const w of taken) updated.push(await recordIn(x, w.input));
        return updated;
      })
      .then(
        (updated) => taken!.forEach((w, i) => w.resolve(updated[i]!)),
        () => {
          // the unit kept nothing (or never ran: then what waited for it)
          for (const w of taken ?? this.take()) recordAlone(this.store, w.input).then(w.resolve, w.reject);
        },
      );
  }

  private take(): Waiting[] {
    this.unitQueued = false;
    const taken = this.queue;
    this.queue = [];
    return taken;
  }
}
