/**
 * Enqueue: an event row and one delivery row per target endpoint, inside the caller's
 * transaction (services/tx.ts). If the transaction commits the deliveries exist; if it rolls back
 * nothing is sent. The worker finds them by polling; waking it is only a latency hint.
 */
import { arg, prepare } from '../prepared.ts';
import type { Exec } from '../prepared.ts';
import { newSortableId } from '../../domain/ids.ts';
import type { EventType } from '../../domain/models.ts';
import type { DeliveryTarget } from './targets.ts';

const insertEventQ = prepare((db) =>
  db.insertInto('events').values({
    _id: arg('_id'),
    type: arg('type'),
    rid: arg('rid'),
    department_id: arg('department_id'),
    body: arg('body'),
    created_at: arg('created_at'),
  }),
);

const insertDeliveryQ = prepare((db) =>
  db.insertInto('deliveries').values({
    _id: arg('_id'),
    event_id: arg('event_id'),
    endpoint_id: arg('endpoint_id'),
    event_type: arg('event_type'),
    rid: arg('rid'),
    order_key: arg('order_key'),
    status: 'pending',
    attempts: 0,
    next_attempt_at: arg('now'),
    lease_owner: null,
    lease_until: null,
    last_status_code: null,
    last_error: null,
    created_at: arg('now'),
    updated_at: arg('now'),
    completed_at: null,
  }),
);

export interface StoredEvent {
  _id: string;
  type: EventType;
  rid: string | null;
  departmentId: string | null;
  /** The rendered payload, sent as it is. */
  body: string;
  createdAt: number;
}

/**
 * A delivery just committed, as the enqueuing thread hands it to the delivery engine in memory
 * (a hint that saves the engine its search; the row in the store stays the truth).
 */
export interface FreshDelivery {
  id: string;
  endpointId: string;
  /** The room the delivery is ordered in, or null. */
  orderKey: string | null;
}

export async function insertEvent(x: Exec, e: StoredEvent): Promise<void> {
  await x.run(insertEventQ, {
    _id: e._id,
    type: e.type,
    rid: e.rid,
    department_id: e.departmentId,
    body: e.body,
    created_at: e.createdAt,
  });
}

/**
 * One pending delivery per target, due at the event's time. Ids are time-ordered
 * (newSortableId): unique-index inserts append instead of dirtying a random page.
 * Returns the delivery ids, in the order of `targets`.
 */
export async function insertDeliveries(
  x: Exec,
  e: Pick<StoredEvent, '_id' | 'type' | 'rid' | 'createdAt'>,
  targets: readonly DeliveryTarget[],
): Promise<string[]> {
  return (await enqueueDeliveries(x, e, targets)).map((d) => d.id);
}

/** insertDeliveries, returning what the delivery engine is handed after the commit. */
export async function enqueueDeliveries(
  x: Exec,
  e: Pick<StoredEvent, '_id' | 'type' | 'rid' | 'createdAt'>,
  targets: readonly DeliveryTarget[],
): Promise<FreshDelivery[]> {
  const fresh: FreshDelivery[] = [];
  for (const t of targets) {
    const _id = newSortableId();
    const orderKey = t.ordered ? e.rid : null;
    await x.run(insertDeliveryQ, {
      _id,
      event_id: e._id,
      endpoint_id: t.endpointId,
      event_type: e.type,
      rid: e.rid,
      order_key: orderKey,
      now: e.createdAt,
    });
    fresh.push({ id: _id, endpointId: t.endpointId, orderKey });
  }
  return fresh;
}
