/**
 * The claim: due deliveries are leased in ONE short statement, no transaction held while the HTTP
 * call runs. An expired lease is simply claimable again, so there is no separate lease sweeper:
 * a worker that died mid-request loses its lease after timeout + margin and the delivery is sent
 * again (at-least-once, same webhook-id).
 *
 * This is store-level code, and the only place where the dialects differ:
 * - SQLite: `UPDATE ... WHERE seq IN (SELECT ... LIMIT n) RETURNING`; one writer at a time, so
 *   nothing to lock (and SQLite has no FOR UPDATE; Kysely would emit it anyway, hence a test).
 * - PostgreSQL: the same candidates with `FOR UPDATE SKIP LOCKED`, so several processes claim
 *   disjoint rows without waiting on each other.
 *
 * Which rows are candidates:
 * - status 'pending', next_attempt_at <= now, lease null or expired;
 * - the endpoint is enabled, not deleted, not paused (paused_until <= now): deliveries to an
 *   endpoint that is down wait in the store and occupy no worker;
 * - per-room ordering: a row with an order_key is claimable only when no OTHER row of the same
 *   (endpoint_id, order_key) with a smaller seq is still 'pending' (pending covers leased and
 *   waiting-to-retry rows). A row parked as 'failed' does NOT block later ones: a dead event must
 *   not freeze a conversation for good; the manager sees it in the delivery log and may replay it
 *   (a replayed row is pending again and, being older, goes before the room's newer rows).
 *   Rows without an order_key have no ordering constraint.
 * - fairness and the per-endpoint cap: the free slots are shared out one at a time across the
 *   endpoints that have due work, each capped at max_concurrency minus the leases it already
 *   holds (by any process); then one short statement per endpoint claims its share. Each
 *   statement walks a partial index of pending rows, so a claim costs the same with a backlog
 *   of ten or of a million (an earlier single-statement version numbered every due row with a
 *   window function and counted leases per row: quadratic in the backlog).
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Dialect } from '../store/open.ts';
import { ROCKETCHAT_ENDPOINT_ID } from '../services/outbox.ts';
import { BREAKER_THRESHOLD } from './breaker.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface ClaimParams {
  owner: string;
  now: number;
  /** Most rows to claim (the worker's free global slots). */
  limit: number;
  /** The built-in endpoint's timeout comes from Livechat_http_timeout, not from its row. */
  rocketchatTimeoutMs: number;
  /** Added to the endpoint's timeout: time to record the attempt before the lease may expire. */
  leaseMarginMs: number;
  /** Per-endpoint rate limits; without it (tests of the statement) rates are not enforced. */
  rates?: RateLimiter;
}

export interface ClaimedRow {
  seq: number;
  _id: string;
  event_id: string;
  endpoint_id: string;
  rid: string | null;
  attempts: number;
  lease_until: number;
}

interface ReadyEndpoint {
  _id: string;
  max_concurrency: number;
  leased: number;
  rate_limit_per_second: number | null;
}

/**
 * Endpoints that have due work and may send now, with the leases they already hold (by any
 * process). Partial indexes on pending rows keep this independent of the size of the log.
 */
async function readyEndpoints(db: Kysely<Database>, now: number): Promise<ReadyEndpoint[]> {
  const res = await sql<ReadyEndpoint>`
    SELECT e._id,
      -- a tripped breaker whose pause is over lets exactly one probe through
      CASE WHEN e.kind = 'custom' AND e.consecutive_failures >= ${BREAKER_THRESHOLD} THEN 1 ELSE e.max_concurrency END AS max_concurrency,
      e.rate_limit_per_second,
      (SELECT COUNT(*) FROM deliveries l
        WHERE l.endpoint_id = e._id AND l.status = 'pending' AND l.lease_until > ${now}) AS leased
    FROM endpoints e
    WHERE e.enabled = 1 AND e.deleted_at IS NULL
      AND (e.paused_until IS NULL OR e.paused_until <= ${now})
      AND EXISTS (SELECT 1 FROM deliveries d
        WHERE d.endpoint_id = e._id AND d.status = 'pending' AND d.next_attempt_at <= ${now})
    ORDER BY e._id`.execute(db);
  return res.rows.map((r) => ({
    _id: r._id,
    max_concurrency: Number(r.max_concurrency),
    leased: Number(r.leased),
    rate_limit_per_second: r.rate_limit_per_second === null ? null : Number(r.rate_limit_per_second),
  }));
}

/**
 * Fair shares of the free slots: one slot to each endpoint in turn, never past an endpoint's
 * max_concurrency, so one endpoint's backlog never fills a batch while another endpoint waits.
 */
export function shareSlots(endpoints: ReadyEndpoint[], free: number): Map<string, number> {
  const room = new Map(endpoints.map((e) => [e._id, Math.max(0, e.max_concurrency - e.leased)]));
  const shares = new Map<string, number>();
  let left = free;
  let progress = true;
  while (left > 0 && progress) {
    progress = false;
    for (const e of endpoints) {
      if (left === 0) break;
      const r = room.get(e._id)!;
      if (r === 0) continue;
      room.set(e._id, r - 1);
      shares.set(e._id, (shares.get(e._id) ?? 0) + 1);
      left--;
      progress = true;
    }
  }
  return shares;
}

/** Due, unleased rows of one endpoint, oldest first, each the oldest pending row of its room. */
function candidates(p: ClaimParams, endpointId: string, take: number): RawBuilder<unknown> {
  return sql`
    SELECT d.seq FROM deliveries d
    WHERE d.endpoint_id = ${endpointId}
      AND d.status = 'pending'
      AND d.next_attempt_at <= ${p.now}
      AND (d.lease_until IS NULL OR d.lease_until <= ${p.now})
      AND (d.order_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM deliveries o
        WHERE o.endpoint_id = d.endpoint_id AND o.order_key = d.order_key
          AND o.status = 'pending' AND o.seq < d.seq
      ))
    ORDER BY d.next_attempt_at, d.seq
    LIMIT ${take}`;
}

function leaseSet(p: ClaimParams): RawBuilder<unknown> {
  return sql`lease_owner = ${p.owner},
    lease_until = CAST(${p.now + p.leaseMarginMs} AS BIGINT) + CASE WHEN endpoint_id = ${ROCKETCHAT_ENDPOINT_ID} THEN ${p.rocketchatTimeoutMs}
      ELSE (SELECT t.timeout_ms FROM endpoints t WHERE t._id = deliveries.endpoint_id) END,
    updated_at = ${p.now}`;
}

const RETURNING = sql`RETURNING seq, _id, event_id, endpoint_id, rid, attempts, lease_until`;

/** The claim statement for one endpoint (exported so a test can read the SQL each dialect gets). */
export function claimStatement(dialect: Dialect, p: ClaimParams, endpointId = ROCKETCHAT_ENDPOINT_ID, take = p.limit): RawBuilder<ClaimedRow> {
  if (dialect === 'sqlite') {
    return sql<ClaimedRow>`UPDATE deliveries SET ${leaseSet(p)} WHERE seq IN (${candidates(p, endpointId, take)}) ${RETURNING}`;
  }
  // FOR UPDATE SKIP LOCKED: concurrent processes claim disjoint rows without waiting; READ
  // COMMITTED re-checks status and lease on the newest version of each row it locks.
  return sql<ClaimedRow>`WITH picked AS (${candidates(p, endpointId, take)} FOR UPDATE SKIP LOCKED)
    UPDATE deliveries SET ${leaseSet(p)} WHERE seq IN (SELECT seq FROM picked) ${RETURNING}`;
}

export async function claimDue(db: Kysely<Database>, dialect: Dialect, p: ClaimParams): Promise<ClaimedRow[]> {
  if (p.limit <= 0) return [];
  const ready = await readyEndpoints(db, p.now);
  const rates = new Map(ready.map((e) => [e._id, e.rate_limit_per_second]));
  const shares = shareSlots(ready, p.limit);
  const out: ClaimedRow[] = [];
  for (const [endpointId, share] of shares) {
    const rate = rates.get(endpointId);
    const take = rate && p.rates ? p.rates.take(endpointId, rate, share, p.now) : share;
    if (take === 0) continue;
    const res = await claimStatement(dialect, p, endpointId, take).execute(db);
    if (rate && p.rates) p.rates.refund(endpointId, take - res.rows.length);
    for (const r of res.rows) out.push({ ...r, seq: Number(r.seq), attempts: Number(r.attempts), lease_until: Number(r.lease_until) });
  }
  return out;
}

/** Gives leases back without spending an attempt (our failure: shutting down, database error). */
export async function releaseLeases(db: Kysely<Database>, owner: string, deliveryIds: string[], now: number): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .updateTable('deliveries')
    .set({ lease_owner: null, lease_until: null, updated_at: now })
    .where('_id', 'in', deliveryIds)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * At start: leases left by a process that died. SQLite mode runs one worker process per database
 * (ARCHITECTURE rule 4), so any lease not ours belongs to a dead predecessor and is released at
 * once instead of waiting out its expiry; were a second worker wrongly pointed at the same file,
 * the cost is a duplicate send with the same webhook-id, never a loss. PostgreSQL allows several
 * live workers, so there leases are left to expire.
 */
export async function recoverLeasesAtStart(db: Kysely<Database>, dialect: Dialect, owner: string, now: number): Promise<number> {
  if (dialect !== 'sqlite') return 0;
  const res = await db
    .updateTable('deliveries')
    .set({ lease_owner: null, lease_until: null, updated_at: now })
    .where('status', '=', 'pending')
    .where('lease_owner', 'is not', null)
    .where('lease_owner', '<>', owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
