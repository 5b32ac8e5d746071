/**
 * Per-endpoint rate limits (rateLimitPerSecond): a token bucket per endpoint holding at most one
 * second's worth of requests. Kept in the worker's memory: with several worker processes on
 * PostgreSQL each enforces the limit on its own sends, so run one worker per endpoint's budget or
 * divide the limit by the number of workers (documented in docs/webhooks.md).
 *
 * One process keeps one bucket per endpoint, whichever path sends: with the engine on its own
 * thread, SQLite claims run on the API thread, so the engine takes their tokens from its bucket
 * beforehand and passes them along as a `GrantedBudget` (thread-writes.ts); a second bucket there
 * would let an endpoint's rate be exceeded up to twice.
 */
import type { RateBudget } from '../store/outbox/claim.ts';

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes up to `wanted` tokens for the endpoint now; returns how many it got. */
  take(endpointId: string, perSecond: number, wanted: number, now: number): number {
    const b = this.buckets.get(endpointId) ?? { tokens: perSecond, at: now };
    b.tokens = Math.min(perSecond, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    const granted = Math.max(0, Math.min(wanted, Math.floor(b.tokens)));
    b.tokens -= granted;
    this.buckets.set(endpointId, b);
    return granted;
  }

  /** Gives back tokens a claim did not use (fewer rows were due than it was allowed). */
  refund(endpointId: string, count: number): void {
    const b = this.buckets.get(endpointId);
    if (b && count > 0) b.tokens += count;
  }
}

/** Tokens granted beforehand by the process's one RateLimiter: a claim draws on them and no more. */
export class GrantedBudget implements RateBudget {
  constructor(private readonly left: Record<string, number>) {}

  take(endpointId: string, _perSecond: number, wanted: number): number {
    const have = this.left[endpointId] ?? 0; // an endpoint nobody granted for waits for the next claim
    const granted = Math.max(0, Math.min(wanted, have));
    this.left[endpointId] = have - granted;
    return granted;
  }

  refund(endpointId: string, count: number): void {
    if (count > 0) this.left[endpointId] = (this.left[endpointId] ?? 0) + count;
  }
}
