/**
 * The second short transaction of an attempt: the attempt row (append-only log), the delivery's
 * new state, the endpoint's health, and for the built-in endpoint the room's crmData, together.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { transact } from '../store/group-commit.ts';
import { breakerVerdict } from './breaker.ts';
import { arg, prepare } from '../store/prepared.ts';
import type { Exec } from '../store/prepared.ts';
import type { Decision } from './decide.ts';

export interface AttemptRow {
  deliveryId: string;
  endpointId: string;
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
  /** Failing longer than this disables a custom endpoint (the circuit breaker's last step). */
  disableAfterMs: number;
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
const updateDeliveryQ = prepare((db) =>
  db
    .updateTable('deliveries')
    .set({
      status: arg('status'),
      attempts: arg('attempts'),
      next_attempt_at: arg('next_attempt_at'),
      completed_at: arg('completed_at'),
      lease_owner: null,
      lease_until: null,
      last_status_code: arg('last_status_code'),
      last_error: arg('last_error'),
      updated_at: arg('now'),
    })
    .where('_id', '=', arg('id'))
    .where('lease_owner', '=', arg('owner')),
);
// Skips the write when already healthy: the common case stays a no-op on a hot row.
const markHealthyQ = prepare((db) =>
  db
    .updateTable('endpoints')
    .set({ consecutive_failures: 0, failing_since: null, updated_at: arg('now') })
    .where('_id', '=', arg('id'))
    .where('consecutive_failures', '>', 0),
);
const saveCrmDataQ = prepare((db) => db.updateTable('rooms').set({ crm_data: arg('text') }).where('_id', '=', arg('rid')));

/** Returns false when our lease was lost (the row changed hands); the attempt is logged anyway. */
export async function recordAttempt(db: Kysely<Database>, input: RecordInput): Promise<boolean> {
  const { attempt: a, decision: d, now } = input;
  // grouped with other attempts and with API writes on SQLite: one commit for many; the
  // statements every attempt runs are prepared (src/store/prepared.ts)
  return transact(db, async (trx, x) => {
    await x.run(insertAttemptQ, {
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
    });
    const updated = await x.run(updateDeliveryQ, {
      status: d.status,
      attempts: a.attempt,
      next_attempt_at: d.nextAttemptAt,
      completed_at: d.completedAt,
      last_status_code: a.statusCode,
      last_error: a.errorClass === null ? null : `${a.errorClass}: ${a.errorMessage ?? ''}`.slice(0, 500),
      now,
      id: a.deliveryId,
      owner: input.owner,
    });
    await updateEndpoint(trx, x, a.endpointId, d, now);
    if (d.endpoint.kind === 'failing') await tripBreaker(trx, a.endpointId, now, input.disableAfterMs);
    if (input.crmData) await x.run(saveCrmDataQ, { text: input.crmData.text, rid: input.crmData.rid });
    return updated > 0;
  });
}

/** After a failure is counted: pause (then probe) or disable a custom endpoint that keeps failing. */
async function tripBreaker(db: Kysely<Database>, endpointId: string, now: number, disableAfterMs: number): Promise<void> {
  const ep = await db
    .selectFrom('endpoints')
    .select(['kind', 'consecutive_failures', 'failing_since', 'paused_until'])
    .where('_id', '=', endpointId)
    .executeTakeFirst();
  if (!ep || ep.kind !== 'custom') return;
  const verdict = breakerVerdict({ consecutiveFailures: ep.consecutive_failures, failingSince: ep.failing_since ?? now }, now, disableAfterMs);
  if (verdict.kind === 'pause' && (ep.paused_until === null || ep.paused_until < verdict.until)) {
    await db.updateTable('endpoints').set({ paused_until: verdict.until }).where('_id', '=', endpointId).execute();
  } else if (verdict.kind === 'disable') {
    await db.updateTable('endpoints').set({ enabled: 0, disabled_reason: verdict.reason }).where('_id', '=', endpointId).execute();
  }
}

async function updateEndpoint(db: Kysely<Database>, x: Exec, endpointId: string, d: Decision, now: number): Promise<void> {
  const q = db.updateTable('endpoints').where('_id', '=', endpointId);
  switch (d.endpoint.kind) {
    case 'healthy':
      await x.run(markHealthyQ, { now, id: endpointId });
      return;
    case 'failing': {
      const pause = d.endpoint.pauseUntil;
      await q
        .set({
          consecutive_failures: sql<number>`consecutive_failures + 1`,
          failing_since: sql<number>`COALESCE(failing_since, ${now})`,
          // Retry-After backs off the whole endpoint, never shortening a longer pause.
          ...(pause !== undefined
            ? { paused_until: sql<number>`CASE WHEN paused_until IS NULL OR paused_until < ${pause} THEN ${pause} ELSE paused_until END` }
            : {}),
          updated_at: now,
        })
        .execute();
      return;
    }
    case 'disable':
      await q
        .set({
          enabled: 0,
          disabled_reason: d.endpoint.reason,
          consecutive_failures: sql<number>`consecutive_failures + 1`,
          failing_since: sql<number>`COALESCE(failing_since, ${now})`,
          updated_at: now,
        })
        .where('kind', '=', 'custom') // the built-in endpoint is never disabled by a receiver
        .execute();
      return;
  }
}
