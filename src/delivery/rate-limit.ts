/**
 * Per-endpoint rate limits (rateLimitPerSecond): a token bucket per endpoint holding at most one
 * second's worth of requests. Kept in the worker's memory: with several worker processes on
 * PostgreSQL each enforces the limit on its own sends, so run one worker per endpoint's budget or
 * divide the limit by the number of workers (documented in docs/webhooks.md).
 */
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
