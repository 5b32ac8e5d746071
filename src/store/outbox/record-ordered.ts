/**
 * Recording a group of attempts in ONE transaction where several processes record at once
 * (PostgreSQL, issue 16): the attempt rows and the deliveries' new states together, as on SQLite,
 * but without a single writer to keep groups apart.
 *
 * Two groups that lock the same rows in opposite orders deadlock (PostgreSQL then aborts one after
 * deadlock_timeout, a second lost). So a group takes its locks in one global order, step by step
 * for the whole group: deliveries by seq (their own rows, never waiting for one: see
 * lockDeliveriesQ; then the rooms' next rows it un-holds), then endpoints by id, then rooms by id.
 * Two groups that follow it cannot wait on each other in a cycle, nor a group and a claim's hold.
 * Within one endpoint the attempts keep the order they finished in: the circuit breaker reads
 * them as a sequence.
 *
 * The group's statements are few whatever its size: one lock of its delivery rows, one multi-row
 * insert of the attempt rows, one multi-row update of the deliveries (arrays bound as parameters,
 * `unnest`), one un-hold, and one statement per endpoint change and per crmData. One group runs
 * at a time; what finishes while it runs forms the next group, so a busy engine records in large
 * groups and an idle one at once.
 *
 * If the group's transaction fails (a statement at fault, a deadlock with some other transaction),
 * it kept nothing, and each attempt is recorded again alone: only the one at fault fails (its
 * lease is then released by the worker), as RecordBatch does on SQLite.
 */
import { sql } from 'kysely';
import type { Store } from '../open.ts';
import { arg, prepareRaw } from '../prepared.ts';
import type { Exec } from '../prepared.ts';
import { attemptArgs, crmAfter, deliveryArgs, endpointAfter, finishesHead, recordAlone } from './record-steps.ts';
import type { RecordInput, Waiting } from './record-steps.ts';

/** Most attempts in one group: bounds a transaction's length and its parameter arrays. */
export const MAX_GROUP = 256;

const insertAttemptsQ = prepareRaw(
  () => sql`INSERT INTO attempts (delivery_id, endpoint_id, attempt, started_at, duration_ms, status_code,
      error_class, error_message, request_headers, response_headers, response_body)
    SELECT * FROM unnest(CAST(${arg('delivery_id')} AS TEXT[]), CAST(${arg('endpoint_id')} AS TEXT[]),
      CAST(${arg('attempt')} AS INTEGER[]), CAST(${arg('started_at')} AS BIGINT[]),
      CAST(${arg('duration_ms')} AS INTEGER[]), CAST(${arg('status_code')} AS INTEGER[]),
      CAST(${arg('error_class')} AS TEXT[]), CAST(${arg('error_message')} AS TEXT[]),
      CAST(${arg('request_headers')} AS TEXT[]), CAST(${arg('response_headers')} AS TEXT[]),
      CAST(${arg('response_body')} AS TEXT[]))`,
);

// The group's delivery rows, locked first, in seq order, skipping those someone else holds. A
// claim's hold (held.ts) locks room heads FOR SHARE one after the other in its own order, waiting
// for the next: a group that waited for one head while holding others could close a cycle with
// it. A head skipped here is recorded alone after the group (holding only itself, as before
// groups existed); the group records the rest without waiting for any of its rows.
const lockDeliveriesQ = prepareRaw<{ seq: number }>(
  () => sql`SELECT seq FROM deliveries WHERE seq = ANY(CAST(${arg('seq')} AS BIGINT[]))
    ORDER BY seq FOR NO KEY UPDATE SKIP LOCKED`,
);

// The same conditions as record-steps.ts's single updates: our lease, or for a hand-off taken
// without one, still pending and leased by nobody else.
const updateDeliveriesQ = prepareRaw<{ seq: number }>(
  () => sql`UPDATE deliveries d SET status = u.status, attempts = u.attempts, next_attempt_at = u.next_attempt_at,
      completed_at = u.completed_at, lease_owner = NULL, lease_until = NULL,
      last_status_code = u.last_status_code, last_error = u.last_error, updated_at = u.now
    FROM unnest(CAST(${arg('seq')} AS BIGINT[]), CAST(${arg('status')} AS TEXT[]), CAST(${arg('attempts')} AS INTEGER[]),
      CAST(${arg('next_attempt_at')} AS BIGINT[]), CAST(${arg('completed_at')} AS BIGINT[]),
      CAST(${arg('last_status_code')} AS INTEGER[]), CAST(${arg('last_error')} AS TEXT[]),
      CAST(${arg('now')} AS BIGINT[]), CAST(${arg('owner')} AS TEXT[]), CAST(${arg('unleased')} AS BOOLEAN[]))
      AS u(seq, status, attempts, next_attempt_at, completed_at, last_status_code, last_error, now, owner, unleased)
    WHERE d.seq = u.seq AND CASE WHEN u.unleased
      THEN d.status = 'pending' AND (d.lease_owner IS NULL OR d.lease_owner = u.owner)
      ELSE d.lease_owner = u.owner END
    RETURNING d.seq`,
);

// Each finished head's room: its oldest pending row, if held, is the head now (held.ts's unholdHead, per room).
const unholdHeadsQ = prepareRaw(
  () => sql`UPDATE deliveries SET held = NULL
    WHERE seq IN (SELECT (SELECT n.seq FROM deliveries n
        WHERE n.endpoint_id = u.endpoint_id AND n.order_key = u.order_key AND n.status = 'pending'
        ORDER BY n.seq LIMIT 1)
      FROM unnest(CAST(${arg('endpoint_id')} AS TEXT[]), CAST(${arg('order_key')} AS TEXT[])) AS u(endpoint_id, order_key))
      AND held IS NOT NULL`,
);

/** The columns of a group, one array per parameter, in the group's order. */
function columns<T extends Record<string, unknown>>(rows: readonly T[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const key of Object.keys(rows[0]!)) out[key] = rows.map((r) => r[key]);
  return out;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Records the group in the global lock order; returns, per input, whether its lease still held,
 * or undefined for one left out (its row locked by someone else): the caller records it alone.
 */
export async function recordGroup(x: Exec, all: readonly RecordInput[]): Promise<(boolean | undefined)[]> {
  const seqs = all.map((i) => i.attempt.deliverySeq);
  const locked = new Set((await x.all(lockDeliveriesQ, { seq: seqs })).map((r) => Number(r.seq)));
  const inputs = all.filter((i) => locked.has(i.attempt.deliverySeq));
  if (inputs.length === 0) return all.map(() => undefined);
  // deliveries by seq: the attempt rows follow the same order (their ids too)
  const bySeq = [...inputs].sort((a, b) => a.attempt.deliverySeq - b.attempt.deliverySeq);
  await x.run(insertAttemptsQ, columns(bySeq.map(attemptArgs)));
  const rows = await x.all(
    updateDeliveriesQ,
    columns(bySeq.map((i) => ({ ...deliveryArgs(i), unleased: i.unleased === true }))),
  );
  const updated = new Set(rows.map((r) => Number(r.seq)));
  const heads = bySeq
    .filter((i) => updated.has(i.attempt.deliverySeq) && finishesHead(i))
    .sort(
      (a, b) => byText(a.attempt.endpointId, b.attempt.endpointId) || byText(a.attempt.orderKey!, b.attempt.orderKey!),
    );
  if (heads.length > 0)
    await x.run(unholdHeadsQ, {
      endpoint_id: heads.map((i) => i.attempt.endpointId),
      order_key: heads.map((i) => i.attempt.orderKey),
    });
  // endpoints by id; Array.prototype.sort is stable, so each endpoint's attempts stay in finishing order
  const byEndpoint = [...inputs].sort((a, b) => byText(a.attempt.endpointId, b.attempt.endpointId));
  for (let k = 0; k < byEndpoint.length; k++) {
    const input = byEndpoint[k]!;
    const prev = byEndpoint[k - 1];
    // a success right after another success of the same endpoint changes nothing more (the
    // first one reset the streak; markHealthy only writes while it is non-zero)
    if (isHealthy(input) && prev && isHealthy(prev) && prev.attempt.endpointId === input.attempt.endpointId) continue;
    await endpointAfter(x, input);
  }
  const crm = inputs.filter((i) => i.crmData).sort((a, b) => byText(a.crmData!.rid, b.crmData!.rid));
  for (const input of crm) await crmAfter(x, input);
  return all.map((i) => (locked.has(i.attempt.deliverySeq) ? updated.has(i.attempt.deliverySeq) : undefined));
}

function isHealthy(input: RecordInput): boolean {
  return input.decision.endpoint.kind === 'healthy';
}

/**
 * Attempts that finish while a group runs wait for it and form the next one (up to MAX_GROUP),
 * taken when its transaction has begun.
 */
export class OrderedRecordBatch {
  private queue: Waiting[] = [];
  private running = false;

  constructor(private readonly store: Store) {}

  add(input: RecordInput): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.running) this.runGroup();
    });
  }

  private runGroup(): void {
    this.running = true;
    let taken: Waiting[] | undefined;
    this.store
      .transact(async (_trx, x) => {
        taken = this.take();
        return recordGroup(
          x,
          taken.map((w) => w.input),
        );
      })
      .then(
        (updated) =>
          taken!.forEach((w, i) => {
            const u = updated[i];
            if (u === undefined) recordAlone(this.store, w.input).then(w.resolve, w.reject);
            else w.resolve(u);
          }),
        () => {
          // the group kept nothing (or never began: then what waited for it)
          for (const w of taken ?? this.take()) recordAlone(this.store, w.input).then(w.resolve, w.reject);
        },
      )
      .finally(() => {
        this.running = false;
        if (this.queue.length > 0) this.runGroup();
      });
  }

  private take(): Waiting[] {
    const taken = this.queue.slice(0, MAX_GROUP);
    this.queue = this.queue.slice(taken.length);
    return taken;
  }
}
