/**
 * The delivery log: list and open deliveries with their event and every attempt, and replay one;
 * a room's deliveries to every endpoint, and a resend of a selection of them (issue 17).
 * A replay re-queues the same row: same stored body, same webhook-id, attempts counter kept (the
 * log shows the whole history). The retry schedule continues from that counter, so replaying a
 * delivery whose schedule is spent buys exactly one more attempt before it parks again.
 */
import type { Services } from './container.ts';
import { fail } from '../domain/errors.ts';
import { parseJson } from '../store/mappers.ts';
import { deliveryDetails, findDeliveries, findDelivery, requeueDelivery } from '../store/outbox/log.ts';
import type { AttemptLogRow, DeliveryFilter, DeliveryLogRow, EventLogRow } from '../store/outbox/log.ts';
import {
  arrivesLate,
  deliveriesByIds,
  recoverArriveLateCount,
  roomDeliveries,
  waitingFor,
} from '../store/outbox/attention.ts';

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

function deliveryView(
  d: DeliveryLogRow,
  e: EventLogRow | undefined,
  attempts: AttemptLogRow[],
  blockedBy: string | undefined,
) {
  return {
    _id: d._id,
    eventId: d.event_id,
    endpointId: d.endpoint_id,
    eventType: d.event_type,
    rid: d.rid,
    // the store writes only these three
    status: d.status as 'pending' | 'succeeded' | 'failed',
    attemptCount: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: iso(d.created_at),
    updatedAt: iso(d.updated_at),
    completedAt: iso(d.completed_at),
    /** Pending behind an older pending delivery of its room to the same endpoint (per-room order): that one's id. */
    waitingFor: blockedBy ?? null,
    event: e
      ? { _id: e._id, type: e.type, createdAt: iso(e.created_at), body: parseJson<unknown>(e.body, e.body) }
      : null,
    attempts: attempts.map(attemptView),
  };
}

export type DeliveryView = ReturnType<typeof deliveryView>;

async function withDetails(s: Services, rows: DeliveryLogRow[]): Promise<DeliveryView[]> {
  const [{ events, attempts }, waiting] = await Promise.all([deliveryDetails(s.db, rows), waitingFor(s.db, rows)]);
  return rows.map((r) => deliveryView(r, events.get(r.event_id), attempts.get(r._id) ?? [], waiting.get(r._id)));
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

/** Most deliveries one resend takes (the room list's page). */
export const RESEND_MAX = 500;

/** Every delivery of a room to every endpoint, oldest first, with its attempts. */
export async function listRoomDeliveries(s: Services, rid: string): Promise<DeliveryView[]> {
  return withDetails(s, await roomDeliveries(s.db, rid));
}

/**
 * Resends a selection of a room's deliveries: each is replayed as above (same row, same body and
 * webhook-id, one more attempt). `arriveLate` counts those that will reach their endpoint after a
 * newer event of the room already delivered: a resend is outside per-room order, and the manager
 * is told so rather than the room being held (see docs/webhooks.md, Order).
 */
export async function resendRoomDeliveries(
  s: Services,
  rid: string,
  ids: readonly string[],
): Promise<{ resent: number; arriveLate: number }> {
  const unique = [...new Set(ids)];
  const rows = await deliveriesByIds(s.db, unique);
  const found = new Map(rows.map((r) => [r._id, r.rid]));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) fail('error-invalid-delivery', `No delivery with id ${missing[0]}`);
  const foreign = unique.filter((id) => found.get(id) !== rid);
  if (foreign.length) fail('error-delivery-not-in-room', `The delivery ${foreign[0]} is not of the room ${rid}`);
  // counted before the resend, from the room's rows (one read; the room has no index of its
  // own): a selected row arrives late when a newer row of its endpoint already succeeded
  const room = await roomDeliveries(s.db, rid);
  const newest = new Map<string, number>();
  for (const r of room)
    if (r.status === 'succeeded') newest.set(r.endpoint_id, Math.max(newest.get(r.endpoint_id) ?? 0, Number(r.seq)));
  const chosen = new Set(unique);
  const arriveLate = room.filter((r) => chosen.has(r._id) && Number(r.seq) < (newest.get(r.endpoint_id) ?? 0)).length;
  const now = s.now();
  let resent = 0;
  for (const id of unique) if (await requeueDelivery(s.db, id, now)) resent++;
  s.waker.wake();
  return { resent, arriveLate };
}

/** How many deliveries a replay of `id` sends after newer delivered events of its room (0 or 1). */
export async function replayArrivesLate(s: Services, id: string): Promise<number> {
  return (await arrivesLate(s.db, id)) ? 1 : 0;
}

/** How many of an endpoint's failed deliveries in the range a recover sends after newer delivered events. */
export function recoverArrivesLate(
  s: Services,
  endpointId: string,
  since: number,
  until: number | undefined,
): Promise<number> {
  return recoverArriveLateCount(s.db, endpointId, since, until);
}
