/**
 * Held rows: the claim's cost must not grow with an endpoint's blocked backlog (issue 12).
 *
 * A room-ordered row is claimable only when it is the oldest pending row of its (endpoint,
 * order_key). Behind a head that hangs or waits to retry, every later row of the room is due but
 * blocked, and a claim that walked them all (one NOT EXISTS each) after every completion cost a
 * healthy endpoint half its rate. So a blocked row is walked once: the claim holds it (`held`, a
 * time), which takes it out of the claim's index (deliveries_claimable: pending and not held), and
 * recording its room's head un-holds the next row at once. What a claim walks is then the
 * endpoint's leased rows, its claimable rows and what arrived since the last claim, whatever the
 * backlog.
 *
 * A hold also runs out, as a safety net for any other way a head leaves 'pending' (by hand, or a
 * path added later): the row is then walked again, and held again if still blocked. The hold
 * lasts as long as the row is old (30 s to 10 min), so re-checking a backlog costs a few rows a
 * second, not the backlog each time.
 *
 * Races: on SQLite one writer runs the claim and the record one after the other. On PostgreSQL a
 * claim in one process may hold a row while another process records the row's head: the hold
 * statement locks the blocking head FOR SHARE, so it either waits for that record's commit (and
 * then sees the head gone, holding nothing) or commits first (and the record's un-hold, a later
 * statement, sees the mark).
 */
import { sql } from 'kysely';
import { capabilitiesOf } from '../dialect.ts';
import { arg, prepareRaw } from '../prepared.ts';
import type { Exec } from '../prepared.ts';

/** Most rows one statement holds or releases: bounds a claim's extra work when a burst arrives. */
export const HOLD_BATCH = 512;
export const MIN_HOLD_MS = 30_000;
export const MAX_HOLD_MS = 10 * 60_000;

const now = sql`CAST(${arg('now')} AS BIGINT)`;
const age = sql`(${now} - deliveries.created_at)`;
const holdUntil = sql`${now} + CASE WHEN ${age} < ${sql.lit(MIN_HOLD_MS)} THEN ${sql.lit(MIN_HOLD_MS)}
  WHEN ${age} > ${sql.lit(MAX_HOLD_MS)} THEN ${sql.lit(MAX_HOLD_MS)} ELSE ${age} END`;

const holdBlockedQ = prepareRaw((dialect) => {
  const blockers = sql`SELECT 1 FROM deliveries o
    WHERE o.endpoint_id = d.endpoint_id AND o.order_key = d.order_key
      AND o.status = 'pending' AND o.seq < d.seq`;
  const picked = sql`SELECT d.seq FROM deliveries d
    WHERE d.endpoint_id = ${arg('endpoint_id')}
      AND d.status = 'pending' AND d.held IS NULL
      AND d.next_attempt_at <= ${arg('now')}
      AND d.order_key IS NOT NULL
      AND (d.lease_until IS NULL OR d.lease_until <= ${arg('now')})`;
  const limit = sql.lit(HOLD_BATCH);
  if (!capabilitiesOf(dialect).skipLocked) {
    return sql`UPDATE deliveries SET held = ${holdUntil}
      WHERE seq IN (${picked} AND EXISTS (${blockers}) LIMIT ${limit})`;
  }
  return sql`WITH picked AS (${picked} AND EXISTS (${blockers} FOR SHARE) LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE deliveries SET held = ${holdUntil} WHERE seq IN (SELECT seq FROM picked)`;
});

/** Holds the due rows of one endpoint that wait behind an older pending row of their room. */
export function holdBlocked(x: Exec, endpointId: string, at: number): Promise<number> {
  return x.run(holdBlockedQ, { endpoint_id: endpointId, now: at });
}

// The room's oldest pending row, if held: it is the head now. One search of deliveries_pending_order.
const unholdHeadQ = prepareRaw(
  () => sql`UPDATE deliveries SET held = NULL
    WHERE seq = (SELECT n.seq FROM deliveries n
        WHERE n.endpoint_id = ${arg('endpoint_id')} AND n.order_key = ${arg('order_key')} AND n.status = 'pending'
        ORDER BY n.seq LIMIT 1)
      AND held IS NOT NULL`,
);

/** After a room's head left 'pending' (in the same transaction): its next row may be claimed. */
export function unholdHead(x: Exec, endpointId: string, orderKey: string): Promise<number> {
  return x.run(unholdHeadQ, { endpoint_id: endpointId, order_key: orderKey });
}

// Holds that ran out, found through deliveries_held: usually none, one index probe.
const expireHoldsQ = prepareRaw(
  () => sql`UPDATE deliveries SET held = NULL
    WHERE seq IN (SELECT h.seq FROM deliveries h
      WHERE h.status = 'pending' AND h.held IS NOT NULL AND h.held <= ${arg('now')}
      LIMIT ${sql.lit(HOLD_BATCH)})`,
);

/** Lifts the holds that ran out: those rows are walked by the next claim, and held again if still blocked. */
export function expireHolds(x: Exec, at: number): Promise<number> {
  return x.run(expireHoldsQ, { now: at });
}
