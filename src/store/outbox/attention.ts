/**
 * What on the webhook side needs a manager's attention (issue 17), as read queries: deliveries
 * parked as failed per endpoint, the older delivery a room-ordered delivery waits behind, a
 * room's deliveries to every endpoint, and how many recovered deliveries will arrive after newer
 * events of their room. services/endpoint-health.ts and services/deliveries.ts shape them.
 *
 * Measured once on SQLite with 200,000 deliveries over 20,000 rooms, on a loaded machine: failed counts 1 ms, a page's waiting-for 1 ms, one room 30-50 ms (a scan),
 * one delivery's "arrives late" 10 ms, an endpoint's recover count 100-170 ms.
 *
 * Nothing here writes. The failed counts read the partial index deliveries_failed (0024), which
 * only a delivery parking or leaving 'failed' touches, so the hot insert path pays nothing. A
 * room's deliveries have no index of their own: the delivery insert is the hot path and rooms are
 * many (each insert would dirty a page of its own, as events_rid did), while the room search is a
 * rare manager action.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { DeliveryLogRow } from './log.ts';

/** Most deliveries one room's list returns: a long conversation has a few hundred events. */
export const ROOM_DELIVERIES_LIMIT = 1000;

/** Deliveries parked as failed, per endpoint (every endpoint, or the one given). */
export async function failedCounts(db: Kysely<Database>, endpointId?: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['endpoint_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'failed')
    .$if(endpointId !== undefined, (q) => q.where('endpoint_id', '=', endpointId!))
    .groupBy('endpoint_id')
    .execute();
  return new Map(rows.map((r) => [r.endpoint_id, Number(r.n)]));
}

/** The endpoints' failure streaks: how many failures the breaker counted since when. */
export async function breakerStreaks(
  db: Kysely<Database>,
  endpointId?: string,
): Promise<Map<string, { consecutiveFailures: number; failingSince: number | null }>> {
  const rows = await db
    .selectFrom('endpoints')
    .select(['_id', 'consecutive_failures', 'failing_since'])
    .where((eb) => eb.or([eb('consecutive_failures', '>', 0), eb('failing_since', 'is not', null)]))
    .$if(endpointId !== undefined, (q) => q.where('_id', '=', endpointId!))
    .execute();
  return new Map(
    rows.map((r) => [
      r._id,
      {
        consecutiveFailures: Number(r.consecutive_failures),
        failingSince: r.failing_since === null ? null : Number(r.failing_since),
      },
    ]),
  );
}

/**
 * For each pending room-ordered row, the room's oldest pending row to the same endpoint when it
 * is older than the row: the delivery it waits for (per-room order). Rows not waiting are absent.
 */
export async function waitingFor(db: Kysely<Database>, rows: readonly DeliveryLogRow[]): Promise<Map<string, string>> {
  const candidates = rows.filter((r) => r.status === 'pending' && r.order_key !== null);
  const out = new Map<string, string>();
  if (candidates.length === 0) return out;
  const heads = await db
    .selectFrom('deliveries as d')
    .select([
      'd._id as id',
      (eb) =>
        eb
          .selectFrom('deliveries as o')
          .select('o._id')
          .whereRef('o.endpoint_id', '=', 'd.endpoint_id')
          .whereRef('o.order_key', '=', 'd.order_key')
          .where('o.status', '=', 'pending')
          .whereRef('o.seq', '<', 'd.seq')
          .orderBy('o.seq')
          .limit(1)
          .as('head'),
    ])
    .where(
      'd._id',
      'in',
      candidates.map((r) => r._id),
    )
    .execute();
  for (const h of heads) if (h.head) out.set(h.id, h.head);
  return out;
}

/** Every delivery of a room to every endpoint, oldest first. */
export async function roomDeliveries(db: Kysely<Database>, rid: string): Promise<DeliveryLogRow[]> {
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('rid', '=', rid)
    .orderBy('seq')
    .limit(ROOM_DELIVERIES_LIMIT)
    .execute();
}

/** The rows among `ids`, with their room (to check a resend's selection belongs to it). */
export async function deliveriesByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ _id: string; rid: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('deliveries')
    .select(['_id', 'rid'])
    .where('_id', 'in', [...ids])
    .execute();
}

/**
 * The newest succeeded delivery of each of an endpoint's rooms: one pass over its rows, joined
 * below, instead of a search per delivery.
 */
function newestSucceeded(db: Kysely<Database>, endpointId: string) {
  return db
    .selectFrom('deliveries')
    .select(['endpoint_id', 'rid', (eb) => eb.fn.max('seq').as('newest')])
    .where('status', '=', 'succeeded')
    .where('rid', 'is not', null)
    .where('endpoint_id', '=', endpointId)
    .groupBy(['endpoint_id', 'rid']);
}

/**
 * Whether one delivery has a newer succeeded delivery of its room to its endpoint (the detail's
 * warning). Walks forward from the row by seq and stops at the first match: a room's next event
 * usually follows soon, so this reads a few rows, not the table (arriveLateCount's join would).
 */
export async function arrivesLate(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('deliveries as d')
    .select('d._id')
    .where('d._id', '=', id)
    .where('d.rid', 'is not', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('deliveries as n')
          .select('n.seq')
          .whereRef('n.seq', '>', 'd.seq')
          .whereRef('n.endpoint_id', '=', 'd.endpoint_id')
          .whereRef('n.rid', '=', 'd.rid')
          .where('n.status', '=', 'succeeded'),
      ),
    )
    .executeTakeFirst();
  return r !== undefined;
}

/** The same count for an endpoint's failed deliveries created in [since, until] (what recover re-sends). */
export async function recoverArriveLateCount(
  db: Kysely<Database>,
  endpointId: string,
  since: number,
  until: number | undefined,
): Promise<number> {
  const r = await db
    .selectFrom('deliveries as d')
    .innerJoin(newestSucceeded(db, endpointId).as('s'), (j) =>
      j.onRef('s.endpoint_id', '=', 'd.endpoint_id').onRef('s.rid', '=', 'd.rid'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.endpoint_id', '=', endpointId)
    .where('d.status', '=', 'failed')
    .where('d.created_at', '>=', since)
    .$if(until !== undefined, (q) => q.where('d.created_at', '<=', until!))
    .whereRef('d.seq', '<', 's.newest')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
