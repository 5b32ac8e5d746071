/**
 * The delivery log: list and open deliveries with their event and every attempt, and replay one.
 * A replay re-queues the same row: same stored body, same webhook-id, attempts counter kept (the
 * log shows the whole history). The retry schedule continues from that counter, so replaying a
 * delivery whose schedule is spent buys exactly one more attempt before it parks again.
 */
import type { Selectable } from 'kysely';
import type { Services } from './container.ts';
import type { AttemptsTable, DeliveriesTable, EventsTable } from '../store/schema.ts';
import { fail } from '../domain/errors.ts';
import { parseJson } from '../store/mappers.ts';

export interface DeliveryFilter {
  status?: string;
  eventType?: string;
  roomId?: string;
  endpointId?: string;
  /** epoch ms, inclusive */
  since?: number;
  /** epoch ms, exclusive */
  until?: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function attemptView(a: Selectable<AttemptsTable>) {
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

function deliveryView(
  d: Selectable<DeliveriesTable>,
  e: Pick<Selectable<EventsTable>, '_id' | 'type' | 'body' | 'created_at'> | undefined,
  attempts: Selectable<AttemptsTable>[],
) {
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
    event: e ? { _id: e._id, type: e.type, createdAt: iso(e.created_at), body: parseJson<unknown>(e.body, e.body) } : null,
    attempts: attempts.map(attemptView),
  };
}

export type DeliveryView = ReturnType<typeof deliveryView>;

async function withDetails(s: Services, rows: Selectable<DeliveriesTable>[]): Promise<DeliveryView[]> {
  if (rows.length === 0) return [];
  const eventIds = [...new Set(rows.map((r) => r.event_id))];
  const [events, attempts] = await Promise.all([
    s.db.selectFrom('events').select(['_id', 'type', 'body', 'created_at']).where('_id', 'in', eventIds).execute(),
    s.db
      .selectFrom('attempts')
      .selectAll()
      .where(
        'delivery_id',
        'in',
        rows.map((r) => r._id),
      )
      .orderBy('seq')
      .execute(),
  ]);
  const byEvent = new Map(events.map((e) => [e._id, e]));
  const byDelivery = new Map<string, Selectable<AttemptsTable>[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push(a);
    byDelivery.set(a.delivery_id, list);
  }
  return rows.map((r) => deliveryView(r, byEvent.get(r.event_id), byDelivery.get(r._id) ?? []));
}

export async function listDeliveries(
  s: Services,
  f: DeliveryFilter,
  page: { count: number; offset: number },
): Promise<{ deliveries: DeliveryView[]; total: number }> {
  let q = s.db.selectFrom('deliveries');
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.eventType !== undefined) q = q.where('event_type', '=', f.eventType);
  if (f.roomId !== undefined) q = q.where('rid', '=', f.roomId);
  if (f.endpointId !== undefined) q = q.where('endpoint_id', '=', f.endpointId);
  if (f.since !== undefined) q = q.where('created_at', '>=', f.since);
  if (f.until !== undefined) q = q.where('created_at', '<', f.until);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(page.count).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { deliveries: await withDetails(s, rows), total: Number(total.n) };
}

export async function getDelivery(s: Services, id: string): Promise<DeliveryView> {
  const row = await s.db.selectFrom('deliveries').selectAll().where('_id', '=', id).executeTakeFirst();
  if (!row) fail('error-invalid-delivery', `No delivery with id ${id}`);
  const [view] = await withDetails(s, [row]);
  return view!;
}

/**
 * Re-queues a delivery now. A lease held by a request in flight is left alone (clearing it would
 * let a second worker send the same delivery concurrently); that attempt's outcome, when
 * recorded, then decides the row's state, exactly as if the replay had come a moment later.
 */
export async function replayDelivery(s: Services, id: string): Promise<DeliveryView> {
  const now = s.now();
  const res = await s.db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: now, completed_at: null, updated_at: now })
    .where('_id', '=', id)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) fail('error-invalid-delivery', `No delivery with id ${id}`);
  s.waker.wake();
  return getDelivery(s, id);
}
