/**
 * The delivery worker: claim (one short statement), send (no transaction open), record (a second
 * short transaction), repeat. It polls every `pollMs` and on every wake-up hint; polling alone
 * finds every due delivery, so a lost hint only costs latency.
 *
 * Failure model: a receiver's failure is an outcome (recorded, retried per schedule). Our own
 * failures — shutting down, a database error while claiming or recording — spend no attempt:
 * the lease is released (or, if the database is gone, simply expires) and the delivery is sent
 * again later with the same webhook-id.
 */
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { Agent } from 'undici';
import { newId } from '../domain/ids.ts';
import type { Claimed } from '../store/outbox/claim.ts';
import { RateLimiter } from './rate-limit.ts';
import { BREAKER_THRESHOLD } from './breaker.ts';
import type { Log, WorkerDeps } from './ports.ts';
import { createEgressAgent } from './http/guarded-connect.ts';
import { ShutdownError } from './http/classify.ts';
import { attemptOnce } from './attempt.ts';

/** The longest pause between claims while they keep failing, ms. */
const CLAIM_BACKOFF_MAX_MS = 5000;

export interface WorkerOptions {
  pollMs?: number;
  /** Global cap on requests in flight in this process. */
  maxInFlight?: number;
  /** How long stop() lets in-flight requests finish before aborting them. */
  stopTimeoutMs?: number;
  leaseMarginMs?: number;
}

export class DeliveryWorker {
  readonly owner = `${hostname()}:${process.pid}:${newId(8)}`;
  private readonly agent: Agent;
  private readonly inFlight = new Map<string, Promise<void>>();
  private soon: NodeJS.Timeout | undefined;
  private readonly rates = new RateLimiter();
  private readonly shutdown = new AbortController();
  private readonly pollMs: number;
  private readonly maxInFlight: number;
  private readonly stopTimeoutMs: number;
  private readonly leaseMarginMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopping = false;
  /** Claims failed in a row (the database is down): rounds back off and the outage is logged once. */
  private claimFailures = 0;
  /** performance.now() before which no claim is tried; real time, not the injected clock. */
  private claimPausedUntil = 0;

  private readonly log: Log;

  constructor(
    private readonly s: WorkerDeps,
    opts: WorkerOptions = {},
  ) {
    this.log = s.log;
    this.pollMs = opts.pollMs ?? 250;
    this.maxInFlight = opts.maxInFlight ?? 64;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    this.leaseMarginMs = opts.leaseMarginMs ?? 10_000;
    this.agent = createEgressAgent({ allowlist: s.egressAllowlist });
    // every request in flight listens on the shutdown signal; up to maxInFlight is expected
    setMaxListeners(this.maxInFlight + 16, this.shutdown.signal);
  }

  start(): void {
    // Recover first, then poll: a round must not claim a row that recovery would then release.
    void this.s.outbox
      .recoverAtStart(this.owner, this.s.now())
      .then((n) => {
        if (n > 0) this.log.info({ released: n }, 'released delivery leases left by a previous process');
      })
      .catch((err: unknown) =>
        this.log.error({ err: errText(err) }, 'lease recovery failed; leases will expire instead'),
      )
      .finally(() => {
        if (this.stopping) return;
        this.s.wakeups.set(() => this.kick());
        this.timer = setInterval(() => this.kick(), this.pollMs);
        this.kick();
      });
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * After a completion: claim within a couple of milliseconds rather than at once, so the slots
   * freed by a burst of completions are refilled by one claim instead of one claim each (a claim
   * costs far more than the wait).
   */
  private kickSoon(): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.kick();
    }, 2);
  }

  /** Runs a claim round now; calls arriving during a round coalesce into one more round. */
  kick(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && !this.stopping);
      } finally {
        this.running = false;
      }
    })();
  }

  private async round(): Promise<void> {
    const free = this.maxInFlight - this.inFlight.size;
    if (free <= 0) return;
    if (this.claimFailures > 0 && performance.now() < this.claimPausedUntil) return;
    const now = this.s.now();
    let claimed: Claimed[];
    try {
      claimed = await this.s.outbox.claim({
        owner: this.owner,
        now,
        limit: free,
        leaseMarginMs: this.leaseMarginMs,
        probeAfterFailures: BREAKER_THRESHOLD,
        rates: this.rates,
      });
    } catch (err) {
      // Nothing was claimed, so no attempt is spent. Every poll would fail the same way while the
      // database is away: back off (up to CLAIM_BACKOFF_MAX_MS) and log the outage once.
      this.claimFailures++;
      this.claimPausedUntil = performance.now() + Math.min(this.pollMs * 2 ** this.claimFailures, CLAIM_BACKOFF_MAX_MS);
      if (this.claimFailures === 1)
        this.log.error(
          { err: errText(err) },
          'delivery claims failing; retrying with backoff until the database answers',
        );
      return;
    }
    if (this.claimFailures > 0) {
      this.log.info({ failedClaims: this.claimFailures }, 'delivery claims resumed');
      this.claimFailures = 0;
    }
    for (const row of claimed) {
      const p = this.process(row).finally(() => {
        this.inFlight.delete(row._id);
        this.kickSoon(); // a slot is free, and the room's next event may now be claimable
      });
      this.inFlight.set(row._id, p);
    }
  }

  private async process(row: Claimed): Promise<void> {
    try {
      const result = await attemptOnce(this.s, this.agent, this.owner, row, row.target, this.shutdown.signal);
      if (result === 'released') return;
      this.s.live.publish({
        kind: 'delivery',
        deliveryId: row._id,
        endpointId: row.endpoint_id,
        status: result.status,
      });
      if (result.status !== 'succeeded') {
        this.log.warn(
          {
            deliveryId: row._id,
            endpointId: row.endpoint_id,
            attempt: row.attempts + 1,
            errorClass: result.errorClass,
            status: result.status,
          },
          'webhook delivery attempt failed',
        );
      }
    } catch (err) {
      // Our failure (database): give the lease back without spending an attempt.
      this.log.error({ deliveryId: row._id, err: errText(err) }, 'recording a delivery attempt failed; lease released');
      await this.s.outbox.release(this.owner, [row._id], this.s.now()).catch(() => undefined);
    }
  }

  /** Stop claiming, let in-flight requests finish (bounded), abort the rest, close the agent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.s.wakeups.set(undefined);
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    const settled = () => Promise.allSettled([...this.inFlight.values()]);
    if (this.inFlight.size > 0) {
      await Promise.race([settled(), sleep(this.stopTimeoutMs)]);
      // Requests still running are aborted; their deliveries release the lease, spending nothing.
      this.shutdown.abort(new ShutdownError());
      await Promise.race([settled(), sleep(2_000)]);
    }
    // close() waits for idle sockets; destroy() whatever is still open after a short grace
    await Promise.race([this.agent.close().catch(() => undefined), sleep(1_000)]);
    await this.agent.destroy().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Error text for logs: the message only (never request headers, tokens or bodies). */
function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
