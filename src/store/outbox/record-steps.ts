/**
 * The statements of recording an attempt (record.ts): the attempt row (append-only log), the
 * delivery's new state, the room's next row un-held, the endpoint's health, and for the built-in
 * endpoint the room's crmData. One attempt runs them in that order (recordIn); a group of
 * attempts on PostgreSQL runs each step for the whole group, in one global lock order
 * (record-ordered.ts).
 */
import { sql } from 'kysely';
import type { Store } from '../open.ts';
import { arg, prepare, prepareRaw } from '../prepared.ts';
import type { Exec } from '../prepared.ts';
import { unholdHead } from './held.ts';
import { breakerFailure } from './breaker-state.ts';
import type { BreakerChange, BreakerRule } from './breaker-state.ts';

/** A delivery's next state and its endpoint's health change, as the delivery engine decided them. */
export interface Decision {
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: number;
  completedAt: number | null;
  endpoint: { kind: 'healthy' } | { kind: 'failing'; pauseUntil?: number } | { kind: 'disable'; reason: string };
}

export interface AttemptRow {
  deliveryId: string;
  /** The delivery's integer key: updating by it is one b-tree search, by _id two. */
  deliverySeq: number;
  endpointId: string;
  /** The room the delivery is ordered in, if any: recording it un-holds the room's next row. */
  orderKey?: string | null;
  attempt: number;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, unknown> | null;
  responseBody: string | null;
}

export interface RecordInput {
  owner: string;
  attempt: AttemptRow;
  decision: Decision;
  now: number;
  /** Built-in endpoint, room event, success: Rocket.Chat stores the response text on the room. */
  crmData?: { rid: string; text: string };
  /** The endpoint's circuit breaker; none for an endpoint whose policy has no breaker (the built-in one). */
  breaker?: BreakerRule;
  /** When the attempt began, on the clock of `now` (the breaker compares it with its mark); defaults to attempt.startedAt. */
  attemptStartedAt?: number;
  /** The delivery was taken without a lease (a single-process hand-off). */
  unleased?: boolean;
  /** Told what the breaker did, inside the transaction: the caller acts on it once the record resolved. */
  onBreaker?: (change: BreakerChange) => void;
}

const insertAttemptQ = prepare((db) =>
  db.insertInto('attempts').values({
    delivery_id: arg('delivery_id'),
    endpoint_id: arg('endpoint_id'),
    attempt: arg('attempt'),
    started_at: arg('started_at'),
    duration_ms: arg('duration_ms'),
    status_code: arg('status_code'),
    error_class: arg('error_class'),
    error_message: arg('error_message'),
    request_headers: arg('request_headers'),
    response_headers: arg('response_headers'),
    response_body: arg('response_body'),
  }),
);
/** The delivery's state after an attempt, the same for a leased row and an unleased hand-off. */
const outcomeColumns = {
  status: arg<string>('status'),
  attempts: arg<number>('attempts'),
  next_attempt_at: arg<number>('next_attempt_at'),
  completed_at: arg<number | null>('completed_at'),
  lease_owner: null,
  lease_until: null,
  last_status_code: arg<number | null>('last_status_code'),
  last_error: arg<string | null>('last_error'),
  updated_at: arg<number>('now'),
};
const updateDeliveryQ = prepare((db) =>
  db
    .updateTable('deliveries')
    .set(outcomeColumns)
    .where('seq', '=', arg('seq'))
    .where('lease_owner', '=', arg('owner')),
);
// A hand-off taken without a lease (single process): still pending, and not leased by anyone
// else meanwhile (polling in the same engine leases with the same owner).
const updateUnleasedQ = prepare((db) =>
  db
    .updateTable('deliveries')
    .set(outcomeColumns)
    .where('seq', '=', arg('seq'))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', arg('owner'))])),
);
// Skips the write when already healthy: the common case stays a no-op on a hot row. The mark
// makes failures of attempts that started before this success (in flight meanwhile) not count.
const markHealthyQ = prepareRaw(
  () => sql`UPDATE endpoints SET consecutive_failures = 0, failing_since = NULL, breaker_mark = ${arg('now')},
      updated_at = ${arg('now')}
    WHERE _id = ${arg('id')} AND consecutive_failures > 0`,
);
const countFailureQ = prepare((db) =>
  db
    .updateTable('endpoints')
    .set({
      consecutive_failures: sql<number>`consecutive_failures + 1`,
      failing_since: sql<number>`COALESCE(failing_since, ${arg('now')})`,
      updated_at: arg('now'),
    })
    .where('_id', '=', arg('id')),
);
// Retry-After backs off the whole endpoint, never shortening a longer pause.
const countFailureAndPauseQ = prepare((db) =>
  db
    .updateTable('endpoints')
    .set({
      consecutive_failures: sql<number>`consecutive_failures + 1`,
      failing_since: sql<number>`COALESCE(failing_since, ${arg('now')})`,
      paused_until: sql<number>`CASE WHEN paused_until IS NULL OR paused_until < ${arg('pause')} THEN ${arg('pause')} ELSE paused_until END`,
      updated_at: arg('now'),
    })
    .where('_id', '=', arg('id')),
);
const disableForResponseQ = prepare((db) =>
  db
    .updateTable('endpoints')
    .set({
      enabled: 0,
      disabled_reason: arg('reason'),
      consecutive_failures: sql<number>`consecutive_failures + 1`,
      failing_since: sql<number>`COALESCE(failing_since, ${arg('now')})`,
      updated_at: arg('now'),
    })
    .where('_id', '=', arg('id')),
);
// The CRM mostly answers the same text for a room again: an unchanged value is not rewritten
// (a rewrite dirties the room's page, which the commit then writes out).
const saveCrmDataQ = prepare((db) =>
  db
    .updateTable('rooms')
    .set({ crm_data: arg('text') })
    .where('_id', '=', arg('rid'))
    .where('crm_data', 'is distinct from', arg('text')),
);

/** An attempt waiting for its group's transaction. */
export interface Waiting {
  input: RecordInput;
  resolve(updated: boolean): void;
  reject(err: unknown): void;
}

/** One attempt in a transaction of its own (grouped with others by group commit on SQLite). */
export function recordAlone(store: Store, input: RecordInput): Promise<boolean> {
  return store.transact((_trx, x) => recordIn(x, input));
}

/** Records one attempt, step by step; false when our lease was lost (the attempt is logged anyway). */
export async function recordIn(x: Exec, input: RecordInput): Promise<boolean> {
  await x.run(insertAttemptQ, attemptArgs(input));
  const updated = (await x.run(input.unleased ? updateUnleasedQ : updateDeliveryQ, deliveryArgs(input))) > 0;
  if (updated && finishesHead(input)) await unholdHead(x, input.attempt.endpointId, input.attempt.orderKey!);
  await endpointAfter(x, input);
  await crmAfter(x, input);
  return updated;
}

/** The attempt row's values, as the insert (and the group's multi-row insert) binds them. */
export function attemptArgs(input: RecordInput) {
  const a = input.attempt;
  return {
    delivery_id: a.deliveryId,
    endpoint_id: a.endpointId,
    attempt: a.attempt,
    started_at: a.startedAt,
    duration_ms: a.durationMs,
    status_code: a.statusCode,
    error_class: a.errorClass,
    error_message: a.errorMessage === null ? null : a.errorMessage.slice(0, 2000),
    request_headers: JSON.stringify(a.requestHeaders),
    response_headers: a.responseHeaders === null ? null : JSON.stringify(a.responseHeaders),
    response_body: a.responseBody,
  };
}

/** The delivery's new state, as its update (and the group's multi-row update) binds it. */
export function deliveryArgs(input: RecordInput) {
  const { attempt: a, decision: d } = input;
  return {
    status: d.status,
    attempts: a.attempt,
    next_attempt_at: d.nextAttemptAt,
    completed_at: d.completedAt,
    last_status_code: a.statusCode,
    last_error: a.errorClass === null ? null : `${a.errorClass}: ${a.errorMessage ?? ''}`.slice(0, 500),
    now: input.now,
    seq: a.deliverySeq,
    owner: input.owner,
  };
}

/** The room's head is done (recorded, no longer pending): its next row, if held behind it, may be claimed now. */
export function finishesHead(input: RecordInput): boolean {
  return input.decision.status !== 'pending' && !!input.attempt.orderKey;
}

/** The endpoint's health after the attempt: the breaker's rule for a failure where it has one. */
export async function endpointAfter(x: Exec, input: RecordInput): Promise<void> {
  const { attempt: a, decision: d, now } = input;
  if (d.endpoint.kind === 'failing' && input.breaker) {
    await breakerFailure(
      x,
      a.endpointId,
      d.endpoint.pauseUntil,
      input.attemptStartedAt ?? a.startedAt,
      now,
      input.breaker,
      input.onBreaker,
    );
  } else {
    await updateEndpoint(x, a.endpointId, d, now);
  }
}

/** Built-in endpoint, room event, success: the response text on the room. */
export async function crmAfter(x: Exec, input: RecordInput): Promise<void> {
  if (input.crmData) await x.run(saveCrmDataQ, { text: input.crmData.text, rid: input.crmData.rid });
}

async function updateEndpoint(x: Exec, endpointId: string, d: Decision, now: number): Promise<void> {
  switch (d.endpoint.kind) {
    case 'healthy':
      await x.run(markHealthyQ, { now, id: endpointId });
      return;
    case 'failing': {
      const pause = d.endpoint.pauseUntil;
      if (pause === undefined) await x.run(countFailureQ, { now, id: endpointId });
      else await x.run(countFailureAndPauseQ, { now, pause, id: endpointId });
      return;
    }
    case 'disable':
      await x.run(disableForResponseQ, { reason: d.endpoint.reason, now, id: endpointId });
      return;
  }
}
