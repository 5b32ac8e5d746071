/**
 * The hand-off's side of the store (issue 16): deliveries the engine was handed in memory after
 * their commit are taken by id, in one statement for a whole batch, instead of being searched
 * for by the claim (store/outbox/claim.ts).
 * - SQLite (`singleProcess`): one read, no lease written. Only this process's engine sends, and
 *   it knows what it has in flight; a write here took the file's write lock away from the API
 *   thread (and waited for it) once more per batch. The record accepts the unleased row
 *   (`unleased`), and after a crash the row is simply pending, as a released lease would be.
 * - PostgreSQL: leased by id with FOR UPDATE SKIP LOCKED, as other processes claim too.
 *
 * A handed-off row is leased only under the claim's own rules, checked here in SQL: pending, due,
 * not held, not leased, its endpoint enabled and not paused, and the oldest pending row of its
 * room for that endpoint. A row refused is simply left to polling (a lost hand-off costs only
 * latency); the engine's in-memory room order only spares it statements bound to be refused.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Store } from '../open.ts';
import { capabilitiesOf } from '../dialect.ts';
import { arg, first, prepare, prepareRaw } from '../prepared.ts';
import type { Exec } from '../prepared.ts';
import type { Claimed, ClaimedRow } from './claim.ts';
import { claimedOf, loadEvents } from './claim.ts';
import type { EndpointRow } from './target.ts';

export interface LeaseFreshParams {
  owner: string;
  now: number;
  /** Added to the endpoint's timeout, as for a claim. */
  leaseMarginMs: number;
  /** Delivery ids, as handed over. */
  ids: readonly string[];
}

/** The limits the engine keeps in memory for each endpoint (refreshed with every poll). */
export interface EndpointLimit {
  _id: string;
  kind: string;
  max_concurrency: number;
  rate_limit_per_second: number | null;
  consecutive_failures: number;
  /** Enabled, not deleted, not paused now: hand-offs to it may be leased. */
  open: boolean;
}

function picked(ids: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`SELECT d.seq FROM deliveries d
    WHERE d._id IN (${ids})
      AND d.status = 'pending' AND d.held IS NULL
      AND d.next_attempt_at <= ${arg('now')}
      AND (d.lease_until IS NULL OR d.lease_until <= ${arg('now')})
      AND EXISTS (SELECT 1 FROM endpoints e WHERE e._id = d.endpoint_id AND e.enabled = 1
        AND e.deleted_at IS NULL AND (e.paused_until IS NULL OR e.paused_until <= ${arg('now')}))
      AND (d.order_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM deliveries o
        WHERE o.endpoint_id = d.endpoint_id AND o.order_key = d.order_key
          AND o.status = 'pending' AND o.seq < d.seq
      ))`;
}

// SQLite (one process, the engine alone sends): a read, no lease and no write lock. What the
// engine has in flight it knows in memory, and the record accepts the unleased row.
const pickFreshQ = prepareRaw<ClaimedRow>(
  () => sql<ClaimedRow>`SELECT seq, _id, event_id, endpoint_id, rid, order_key, attempts, 0 AS lease_until
    FROM deliveries WHERE seq IN (${picked(sql`SELECT value FROM json_each(${arg('ids')})`)})`,
);

const SET_LEASE = sql`lease_owner = ${arg('owner')},
    lease_until = CAST(${arg('lease_from')} AS BIGINT) + (SELECT t.timeout_ms FROM endpoints t WHERE t._id = deliveries.endpoint_id),
    updated_at = ${arg('now')}`;
const RETURNING = sql`RETURNING seq, _id, event_id, endpoint_id, rid, order_key, attempts, lease_until`;

// SQLite has no array parameters: the ids travel as one JSON array, so one prepared statement
// serves every batch size. PostgreSQL: an array parameter, and SKIP LOCKED as in the claim.
const leaseFreshQ = prepareRaw<ClaimedRow>((dialect) => {
  if (!capabilitiesOf(dialect).skipLocked) {
    const ids = sql`SELECT value FROM json_each(${arg('ids')})`;
    return sql<ClaimedRow>`UPDATE deliveries SET ${SET_LEASE} WHERE seq IN (${picked(ids)}) ${RETURNING}`;
  }
  const ids = sql`SELECT unnest(CAST(${arg('ids')} AS TEXT[]))`;
  return sql<ClaimedRow>`WITH p AS (${picked(ids)} FOR UPDATE SKIP LOCKED)
    UPDATE deliveries SET ${SET_LEASE} WHERE seq IN (SELECT seq FROM p) ${RETURNING}`;
});

const endpointByIdQ = prepare((db) => db.selectFrom('endpoints').selectAll().where('_id', '=', arg('id')));

const endpointLimitsQ = prepareRaw<Omit<EndpointLimit, 'open'> & { enabled: number; paused_until: number | null }>(
  () => sql`SELECT _id, kind, max_concurrency, rate_limit_per_second, consecutive_failures, enabled, paused_until
    FROM endpoints WHERE deleted_at IS NULL`,
);

/**
 * Leases the handed-off deliveries that may be sent now and reads what they are sent from, in
 * one short transaction of its own (like the claim: never queued behind API batches).
 */
export async function leaseFresh(store: Store, p: LeaseFreshParams): Promise<Claimed[]> {
  if (p.ids.length === 0) return [];
  if (store.caps.singleProcess) {
    const x = store.exec;
    const rows = await x.all(pickFreshQ, { now: p.now, ids: JSON.stringify(p.ids) });
    if (rows.length === 0) return [];
    const events = await loadEvents(x, store.caps, new Set(rows.map((r) => r.event_id)));
    const endpoints = await loadEndpoints(x, new Set(rows.map((r) => r.endpoint_id)));
    return rows.map((r) => ({ ...claimedOf(r, events.get(r.event_id), endpoints.get(r.endpoint_id)), unleased: true }));
  }
  return store.transact(
    async (_trx, x) => {
      const rows = await x.all(leaseFreshQ, {
        owner: p.owner,
        now: p.now,
        lease_from: p.now + p.leaseMarginMs,
        ids: store.caps.arrayParams ? [...p.ids] : JSON.stringify(p.ids),
      });
      if (rows.length === 0) return [];
      const events = await loadEvents(x, store.caps, new Set(rows.map((r) => r.event_id)));
      const endpoints = await loadEndpoints(x, new Set(rows.map((r) => r.endpoint_id)));
      return rows.map((r) => claimedOf(r, events.get(r.event_id), endpoints.get(r.endpoint_id)));
    },
    { grouped: false },
  );
}

async function loadEndpoints(x: Exec, ids: Set<string>): Promise<Map<string, EndpointRow>> {
  const out = new Map<string, EndpointRow>();
  for (const id of ids) {
    const row = await first(x, endpointByIdQ, { id });
    if (row) out.set(id, row);
  }
  return out;
}

/** Every endpoint's limits, for the engine's in-memory scheduling of hand-offs. */
export async function endpointLimits(store: Store, now: number): Promise<EndpointLimit[]> {
  const rows = await store.exec.all(endpointLimitsQ);
  return rows.map((r) => ({
    _id: r._id,
    kind: r.kind,
    max_concurrency: Number(r.max_concurrency),
    rate_limit_per_second: r.rate_limit_per_second === null ? null : Number(r.rate_limit_per_second),
    consecutive_failures: Number(r.consecutive_failures),
    open: Number(r.enabled) === 1 && (r.paused_until === null || Number(r.paused_until) <= now),
  }));
}
