/**
 * How a claim shares this process's free slots among endpoints. Pure.
 *
 * Two limits apply to each endpoint:
 * - its max_concurrency, counted across processes (the leases it holds anywhere);
 * - its part of THIS process's slots: a max-min fair split (water-filling) of the process's
 *   capacity among the endpoints that have due work or hold slots here, each asking for its
 *   max_concurrency, and never more than the capacity less a reserve. Without it, an endpoint
 *   whose requests hang (a Webhooks-page URL that never answers, max_concurrency 64; a custom one
 *   at 100) kept every slot it was given for its whole timeout while a healthy endpoint's slots
 *   turned over in milliseconds, so within seconds it held nearly all of them (issue 12). The
 *   reserve leaves room for an endpoint whose work arrives while another already hangs.
 */

export interface SlotDemand {
  _id: string;
  /** Effective cap: max_concurrency, or 1 while the breaker lets a probe through. */
  max_concurrency: number;
  /** Leases the endpoint holds in every process. */
  leased: number;
  /** Leases it holds in this process. */
  mine: number;
  /** Has a claimable row now (otherwise it only holds slots here). */
  due: boolean;
}

/** Slots of a process no single endpoint may take: an eighth of its capacity (8 of the default 64). */
export function reserveOf(capacity: number): number {
  return Math.floor(capacity / 8);
}

/** Max-min fair split of `capacity` among the endpoints, each capped at its max_concurrency and at capacity - reserve. */
export function fairCaps(endpoints: readonly SlotDemand[], capacity: number): Map<string, number> {
  const ceiling = capacity - reserveOf(capacity);
  const want = new Map(endpoints.map((e) => [e._id, Math.max(0, Math.min(e.max_concurrency, ceiling))]));
  const caps = new Map<string, number>();
  let left = capacity;
  // water-filling: the smallest demands are met in full, the rest share what remains equally
  const order = [...endpoints].sort((a, b) => want.get(a._id)! - want.get(b._id)!);
  order.forEach((e, i) => {
    const equal = Math.floor(left / (order.length - i));
    const got = Math.min(want.get(e._id)!, Math.max(0, equal));
    caps.set(e._id, got);
    left -= got;
  });
  return caps;
}

/**
 * Fair shares of the free slots: one slot to each due endpoint in turn, never past its room (its
 * max_concurrency less its leases anywhere, and its fair part of this process less its leases
 * here), so one endpoint's backlog never fills a batch while another endpoint waits.
 */
export function shareSlots(endpoints: readonly SlotDemand[], free: number): Map<string, number> {
  const capacity = free + endpoints.reduce((n, e) => n + e.mine, 0);
  const caps = fairCaps(endpoints, capacity);
  const room = new Map(
    endpoints.map((e) => [
      e._id,
      e.due ? Math.max(0, Math.min(e.max_concurrency - e.leased, caps.get(e._id)! - e.mine)) : 0,
    ]),
  );
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
