/**
 * The delivery log: list and open deliveries with their event and every attempt, and replay one.
 * A replay re-queues the same row: same stored body, same webhook-id, attempts counter kept (the
 * log shows the whole history). The retry schedule continues from that counter, so replaying a
 * delivery whose schedule is spent buys exactly one more attempt before it parks again.
 */
import type { Services } from './container.ts';
import { fail } from '../domain/errors.ts';
import { parseJson } from '../store/mappers.ts';
import { deliveryDetails, findDeliveries, findDelivery, requeueDelivery } from '../store/outbox/log.ts';
import type { AttemptLogRow, DeliveryFilter, DeliveryLogRow, EventLogRow } from '../store/outbox/log.ts';

export type { DeliveryFilter };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function attemptView(a: AttemptLogRow) {
  return {
    attempt: a.attempt,
    startedAt: iso(a.started_at),
    durationMs: a.duration_ms,
    statusCode: a.status_code,
    errorClass: a.error_class,
    errorMessage: a.error_message,
    requestHeaders: parseJson<Record<string, string>>(a.request_headers, {}),
    responseHeaders: parseJson<Record<string, unknown> | null>(a.response_headers, null),
    responseBody: a.response_body,
  };
}

function deliveryView(d: DeliveryLogRow, e: EventLogRow | undefined, attempts: AttemptLogRow[]) {
  return {
    _id: d._id,
    eventId: d.event_id,
    endpointId: d.endpoint_id,
    eventType: d.event_type,
    rid: d.rid,
    status: d.status,
    attemptCount: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: iso(d.created_at),
    updatedAt: iso(d.updated_at),
    completedAt: iso(d.completed_at),
    event: e
      ? { _id: e._id, type: e.type, createdAt: iso(e.created_at), body: parseJson<unknown>(e.body, e.body) }
      : null,
    attempts: attempts.map(attemptView),
  };
}

export type DeliveryView = ReturnType<typeof deliveryView>;

async function withDetails(s: Services, rows: DeliveryLogRow[]): Promise<DeliveryView[]> {
  const { events, attempts } = await deliveryDetails(s.db, rows);
  return rows.map((r) => deliveryView(r, events.get(r.event_id), attempts.get(r._id) ?? []));
}

export async function listDeliveries(
  s: Services,
  f: DeliveryFilter,
  page: { count: number; offset: number },
): Promise<{ deliveries: DeliveryView[]; total: number }> {
  const { rows, total } = await findDeliveries(s.db, f, page);
  return { deliveries: await withDetails(s, rows), total };
}

export async function getDelivery(s: Services, id: string): Promise<DeliveryView> {
  const row = await findDelivery(s.db, id);
  if (!row) fail('error-invalid-delivery', `No delivery with id ${id}`);
  const [view] = await withDetails(s, [row]);
  return view!;
}

/**
 * Re-queues a delivery now (the same row: same body, same webhook-id). A request in flight keeps
 * its lease; its recorded outcome then decides, exactly as if the replay had come a moment later.
 */
export async function replayDelivery(s: Services, id: string): Promise<DeliveryView> {
  if (!(await requeueDelivery(s.db, id, s.now()))) fail('error-invalid-delivery', `No delivery with id ${id}`);
  s.waker.wake();
  return getDelivery(s, id);
}
