/**
 * The delivery log's queries: deliveries filtered and paged newest first, with their events and
 * every attempt, and a replay that puts one back in the queue. services/deliveries.ts shapes them
 * for the API and the CLI.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AttemptsTable, Database, DeliveriesTable, EventsTable } from '../schema.ts';

export type DeliveryLogRow = Selectable<DeliveriesTable>;
export type AttemptLogRow = Selectable<AttemptsTable>;
export type EventLogRow = Pick<Selectable<EventsTable>, '_id' | 'type' | 'body' | 'created_at'>;

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

export async function findDeliveries(
  db: Kysely<Database>,
  f: DeliveryFilter,
  page: { count: number; offset: number },
): Promise<{ rows: DeliveryLogRow[]; total: number }> {
  let q = db.selectFrom('deliveries');
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
  return { rows, total: Number(total.n) };
}

export async function findDelivery(db: Kysely<Database>, id: string): Promise<DeliveryLogRow | undefined> {
  return db.selectFrom('deliveries').selectAll().where('_id', '=', id).executeTakeFirst();
}

/** The events of the rows, and each row's attempts in order. */
export async function deliveryDetails(
  db: Kysely<Database>,
  rows: DeliveryLogRow[],
): Promise<{ events: Map<string, EventLogRow>; attempts: Map<string, AttemptLogRow[]> }> {
  if (rows.length === 0) return { events: new Map(), attempts: new Map() };
  const eventIds = [...new Set(rows.map((r) => r.event_id))];
  const [events, attempts] = await Promise.all([
    db.selectFrom('events').select(['_id', 'type', 'body', 'created_at']).where('_id', 'in', eventIds).execute(),
    db
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
  const byDelivery = new Map<string, AttemptLogRow[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push(a);
    byDelivery.set(a.delivery_id, list);
  }
  return { events: new Map(events.map((e) => [e._id, e])), attempts: byDelivery };
}

/**
 * Re-queues a delivery now; false when there is no such delivery. A lease held by a request in
 * flight is left alone (clearing it would let a second worker send the same delivery
 * concurrently); that attempt's outcome, when recorded, then decides the row's state.
 */
export async function requeueDelivery(db: Kysely<Database>, id: string, now: number): Promise<boolean> {
  const res = await db
    .updateTable('deliveries')
    .set({ status: 'pending', next_attempt_at: now, completed_at: null, updated_at: now })
    .where('_id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
