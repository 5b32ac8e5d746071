/** A fixed-window failure counter (login attempts per user and per IP). In memory, per process. */
export class FailureLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may now. */
  blockedFor(key: string, now = Date.now()): number {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) return 0;
    return h.count >= this.max ? h.resetAt - now : 0;
  }

  fail(key: string, now = Date.now()): void {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else h.count++;
    if (this.hits.size > 100_000) this.sweep(now);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= now) this.hits.delete(k);
  }
}

/**
 * Exponential back-off per key (login failures per username and IP, and per IP). Up to `free`
 * failures cost nothing (honest typos); from the `free`-th on, each failure blocks the key for
 * `baseMs`, doubling with each further one up to `maxMs`. A key is forgotten `forgetMs` after its last failure. Nothing is ever locked out
 * for good, and what one key does never blocks another: an attacker guessing from one address
 * slows himself down, not the real user logging in from elsewhere. In memory, per process.
 */
export class BackoffLimiter {
  private readonly keys = new Map<string, { failures: number; blockedUntil: number; lastAt: number }>();

  constructor(private readonly opts: { free: number; baseMs: number; maxMs: number; forgetMs: number }) {}

  /** Milliseconds until the key may try again, or 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const k = this.live(key, now);
    return k ? Math.max(0, k.blockedUntil - now) : 0;
  }

  fail(key: string, now: number): void {
    const k = this.live(key, now) ?? { failures: 0, blockedUntil: 0, lastAt: now };
    k.failures++;
    k.lastAt = now;
    // the `free`-th failure is the first that makes the next attempt wait
    const over = k.failures - this.opts.free;
    if (over >= 0) k.blockedUntil = now + Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(over, 30));
    this.keys.set(key, k);
    if (this.keys.size > 100_000) this.sweep(now);
  }

  reset(key: string): void {
    this.keys.delete(key);
  }

  private live(key: string, now: number) {
    const k = this.keys.get(key);
    if (k && now - k.lastAt >= this.opts.forgetMs) {
      this.keys.delete(key);
      return undefined;
    }
    return k;
  }

  private sweep(now: number): void {
    for (const [key, k] of this.keys) if (now - k.lastAt >= this.opts.forgetMs) this.keys.delete(key);
  }
}
