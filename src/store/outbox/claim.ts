/**
 * The claim: due deliveries are leased in ONE short statement, no transaction held while the HTTP
 * call runs. An expired lease is simply claimable again, so there is no separate lease sweeper:
 * a worker that died mid-request loses its lease after timeout + margin and the delivery is sent
 * again (at-least-once, same webhook-id).
 *
 * The dialects differ here by capability (store/dialect.ts):
 * - without `skipLocked` (SQLite): `UPDATE ... WHERE seq IN (SELECT ... LIMIT n) RETURNING`; one
 *   writer at a time, so nothing to lock (SQLite has no FOR UPDATE; Kysely would emit it anyway,
 *   hence a test).
 * - with `skipLocked` (PostgreSQL): the same candidates with `FOR UPDATE SKIP LOCKED`, so several
 *   processes claim disjoint rows without waiting on each other.
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
 * - fairness and caps (store/outbox/shares.ts): the free slots are shared out one at a time among
 *   endpoints with due work, each capped by max_concurrency (leases in any process) and by its
 *   fair part of this process's slots; an endpoint with no room gets no statement. One short
 *   statement per endpoint then claims its share, walking a partial index of pending, not held
 *   rows: a claim costs the same with a backlog of ten or of a million.
 * - blocked rows (store/outbox/held.ts): when a statement found fewer rows than its share, the rows
 *   waiting behind their room's head are held out of that index; the head's record un-holds one.
 *
 * The claim's transaction also reads what the claimed rows are sent from: the endpoint rows (the
 * readiness query returns them whole) and the stored events. The statements are prepared once.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Store } from '../open.ts';
import { capabilitiesOf } from '../dialect.ts';
import type { Capabilities } from '../dialect.ts';
import { arg, first, prepare, prepareRaw } from '../prepared.ts';
import type { Exec, Prepared } from '../prepared.ts';
import { endpointPolicy } from '../../domain/endpoint-rules.ts';
import type { EndpointRow, Target } from './target.ts';
import { expireHolds, holdBlocked } from './held.ts';
import { shareSlots } from './shares.ts';
import type { SlotDemand } from './shares.ts';

/** Per-endpoint rate limits, kept by the claimer (delivery/rate-limit.ts). */
export interface RateBudget {
  /** Takes up to `want` sends for the endpoint now; returns how many it may send. */
  take(endpointId: string, perSecond: number, want: number, now: number): number;
  /** Gives back what was taken but not claimed. */
  refund(endpointId: string, n: number): void;
}

export interface ClaimParams {
  owner: string;
  now: number;
  /** Most rows to claim (the worker's free global slots). */
  limit: number;
  /** Added to the endpoint's timeout: time to record the attempt before the lease may expire. */
  leaseMarginMs: number;
  /** A breaker endpoint with this many consecutive failures gets one slot: the probe. */
  probeAfterFailures: number;
  /** Per-endpoint rate limits; without it (tests of the statement) rates are not enforced. */
  rates?: RateBudget;
}

export interface ClaimedRow {
  seq: number;
  _id: string;
  event_id: string;
  endpoint_id: string;
  rid: string | null;
  /** The room the row is ordered in (null: unordered); recording it un-holds the room's next row. */
  order_key: string | null;
  attempts: number;
  lease_until: number;
}

/** A claimed row with what it is sent from; no target when its event or endpoint row is gone. */
export interface Claimed extends ClaimedRow {
  target: Target | undefined;
  /** Taken without a lease (a hand-off in single-process mode, store/outbox/fresh.ts). */
  unleased?: boolean;
}

interface ReadyEndpoint extends SlotDemand {
  rate_limit_per_second: number | null;
  /** The row as the claim's transaction saw it: what the claimed deliveries are sent with. */
  row: EndpointRow;
}

/**
 * Endpoints that may send now and have due work or hold slots in this process, whole rows (they
 * are the claimed deliveries' targets, read in the claim's transaction), with the leases they
 * already hold (by any process, and by this one). Partial indexes on pending rows keep this
 * independent of the size of the log, and the due check skips held rows.
 */
const readyEndpointsQ = prepareRaw<EndpointRow & { leased: number; mine: number; due: number | boolean }>(() => {
  const due = sql`EXISTS (SELECT 1 FROM deliveries d
        WHERE d.endpoint_id = e._id AND d.status = 'pending' AND d.held IS NULL AND d.next_attempt_at <= ${arg('now')})`;
  const mine = sql`FROM deliveries m
        WHERE m.endpoint_id = e._id AND m.status = 'pending' AND m.lease_until > ${arg('now')} AND m.lease_owner = ${arg('owner')}`;
  return sql`
    SELECT e.*,
      (SELECT COUNT(*) FROM deliveries l
        WHERE l.endpoint_id = e._id AND l.status = 'pending' AND l.lease_until > ${arg('now')}) AS leased,
      (SELECT COUNT(*) ${mine}) AS mine,
      ${due} AS due
    FROM endpoints e
    WHERE e.enabled = 1 AND e.deleted_at IS NULL
      AND (e.paused_until IS NULL OR e.paused_until <= ${arg('now')})
      AND (${due} OR EXISTS (SELECT 1 ${mine}))
    ORDER BY e._id`;
});

async function readyEndpoints(x: Exec, p: ClaimParams): Promise<ReadyEndpoint[]> {
  const rows = await x.all(readyEndpointsQ, { now: p.now, owner: p.owner });
  const probeAfterFailures = p.probeAfterFailures;
  return rows.map(({ leased, mine, due, ...row }) => ({
    _id: row._id,
    // a tripped breaker whose pause is over lets exactly one probe through
    max_concurrency:
      endpointPolicy(row.kind).breaker && row.consecutive_failures >= probeAfterFailures
        ? 1
        : Number(row.max_concurrency),
    leased: Number(leased),
    mine: Number(mine),
    due: due === true || Number(due) === 1,
    rate_limit_per_second: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second),
    row,
  }));
}

/** The values of one claim statement: real values, or arg() placeholders for a prepared one. */
interface ClaimValues {
  owner: string;
  now: number;
  /** now + lease margin; the endpoint's timeout is added in SQL. */
  leaseFrom: number;
  endpointId: string;
}

const ARGS: ClaimValues = {
  owner: arg('owner'),
  now: arg('now'),
  leaseFrom: arg('lease_from'),
  endpointId: arg('endpoint_id'),
};

/**
 * LIMIT up to this is written into the SQL text, one prepared statement per value. SQLite (3.53,
 * bundled by better-sqlite3) plans with the value bound to a `LIMIT ?`, so binding it expires the
 * statement: every run was prepared anew, which doubled the cost of a claim. Larger shares (never
 * with the default 64 slots) bind LIMIT as a parameter.
 */
const LITERAL_LIMIT_MAX = 128;

function literalLimit(take: number): boolean {
  return Number.isSafeInteger(take) && take > 0 && take <= LITERAL_LIMIT_MAX;
}

/** Due, unleased rows of one endpoint, oldest first, each the oldest pending row of its room. */
function candidates(v: ClaimValues, limit: RawBuilder<unknown> | number): RawBuilder<unknown> {
  return sql`
    SELECT d.seq FROM deliveries d
    WHERE d.endpoint_id = ${v.endpointId}
      AND d.status = 'pending' AND d.held IS NULL
      AND d.next_attempt_at <= ${v.now}
      AND (d.lease_until IS NULL OR d.lease_until <= ${v.now})
      AND (d.order_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM deliveries o
        WHERE o.endpoint_id = d.endpoint_id AND o.order_key = d.order_key
          AND o.status = 'pending' AND o.seq < d.seq
      ))
    ORDER BY d.next_attempt_at, d.seq
    LIMIT ${limit}`;
}

function leaseSet(v: ClaimValues): RawBuilder<unknown> {
  return sql`lease_owner = ${v.owner},
    lease_until = CAST(${v.leaseFrom} AS BIGINT) + (SELECT t.timeout_ms FROM endpoints t WHERE t._id = deliveries.endpoint_id),
    updated_at = ${v.now}`;
}

const RETURNING = sql`RETURNING seq, _id, event_id, endpoint_id, rid, order_key, attempts, lease_until`;

function claimSql(caps: Capabilities, v: ClaimValues, limit: RawBuilder<unknown> | number): RawBuilder<ClaimedRow> {
  if (!caps.skipLocked) {
    return sql<ClaimedRow>`UPDATE deliveries SET ${leaseSet(v)} WHERE seq IN (${candidates(v, limit)}) ${RETURNING}`;
  }
  // FOR UPDATE SKIP LOCKED: concurrent processes claim disjoint rows without waiting; READ
  // COMMITTED re-checks status and lease on the newest version of each row it locks.
  return sql<ClaimedRow>`WITH picked AS (${candidates(v, limit)} FOR UPDATE SKIP LOCKED)
    UPDATE deliveries SET ${leaseSet(v)} WHERE seq IN (SELECT seq FROM picked) ${RETURNING}`;
}

/** The claim statement for one endpoint with its values bound (exported so a test can read the SQL each dialect gets). */
export function claimStatement(
  caps: Capabilities,
  p: ClaimParams,
  endpointId: string,
  take = p.limit,
): RawBuilder<ClaimedRow> {
  return claimSql(caps, valuesOf(p, endpointId), literalLimit(take) ? sql.lit(take) : take);
}

function valuesOf(p: ClaimParams, endpointId: string): ClaimValues {
  return { owner: p.owner, now: p.now, leaseFrom: p.now + p.leaseMarginMs, endpointId };
}

// The prepared claim statements, by literal LIMIT (0: LIMIT is a parameter).
const claimQueries = new Map<number, Prepared<ClaimedRow>>();

function claimQuery(take: number): Prepared<ClaimedRow> {
  const key = literalLimit(take) ? take : 0;
  let q = claimQueries.get(key);
  if (!q) {
    const limit = key > 0 ? sql.lit(key) : arg<number>('take');
    q = prepareRaw((dialect) => claimSql(capabilitiesOf(dialect), ARGS, limit));
    claimQueries.set(key, q);
  }
  return q;
}

async function claimFor(x: Exec, p: ClaimParams, endpointId: string, take: number): Promise<ClaimedRow[]> {
  return x.all(claimQuery(take), {
    owner: p.owner,
    now: p.now,
    lease_from: p.now + p.leaseMarginMs,
    endpoint_id: endpointId,
    take,
  });
}

type EventRow = Target['event'];

const eventByIdQ = prepare((db) => db.selectFrom('events').select(['_id', 'rid', 'body']).where('_id', '=', arg('id')));
// PostgreSQL: one round trip for the batch, still one statement text (an array parameter).
const eventsByIdsQ = prepareRaw<EventRow>(() => sql`SELECT _id, rid, body FROM events WHERE _id = ANY(${arg('ids')})`);

/** The stored events of a claimed batch, read in the claim's transaction. */
export async function loadEvents(x: Exec, caps: Capabilities, ids: Set<string>): Promise<Map<string, EventRow>> {
  const out = new Map<string, EventRow>();
  if (caps.arrayParams) {
    for (const e of await x.all(eventsByIdsQ, { ids: [...ids] })) out.set(e._id, e);
    return out;
  }
  // without array parameters (SQLite, in-process): one prepared primary-key lookup per event (an
  // IN list would be a statement of its own for every batch size)
  for (const id of ids) {
    const e = await first(x, eventByIdQ, { id });
    if (e) out.set(id, e);
  }
  return out;
}

/**
 * Claims due deliveries and reads what they are sent from, in one short transaction of its own:
 * one commit for all endpoints' claims, and on SQLite every statement runs prepared on the
 * connection the transaction holds. Not through group commit: there a claim waited behind
 * batches of API requests, and the HTTP path lost a third of its deliveries per second.
 */
export async function claimDue(store: Store, p: ClaimParams): Promise<Claimed[]> {
  if (p.limit <= 0) return [];
  return store.transact(
    async (_trx, x) => {
      await expireHolds(x, p.now);
      const ready = await readyEndpoints(x, p);
      const byId = new Map(ready.map((e) => [e._id, e]));
      const rows: ClaimedRow[] = [];
      for (const [endpointId, share] of shareSlots(ready, p.limit)) {
        const rate = byId.get(endpointId)!.rate_limit_per_second;
        const take = rate && p.rates ? p.rates.take(endpointId, rate, share, p.now) : share;
        if (take === 0) continue;
        const claimed = await claimFor(x, p, endpointId, take);
        if (rate && p.rates) p.rates.refund(endpointId, take - claimed.length);
        // Fewer than asked: every claimable row was found, so whatever else the statement walked
        // waits behind its room's head. Hold it, so that the next claims do not walk it again.
        if (claimed.length < take) await holdBlocked(x, endpointId, p.now);
        rows.push(...claimed);
      }
      if (rows.length === 0) return [];
      const events = await loadEvents(x, store.caps, new Set(rows.map((r) => r.event_id)));
      return rows.map((r) => claimedOf(r, events.get(r.event_id), byId.get(r.endpoint_id)?.row));
    },
    { grouped: false },
  );
}

export function claimedOf(r: ClaimedRow, event: EventRow | undefined, endpoint: EndpointRow | undefined): Claimed {
  return {
    seq: Number(r.seq),
    _id: r._id,
    event_id: r.event_id,
    endpoint_id: r.endpoint_id,
    rid: r.rid,
    order_key: r.order_key,
    attempts: Number(r.attempts),
    lease_until: Number(r.lease_until),
    target: event && endpoint ? { event, endpoint } : undefined,
  };
}
