/**
 * The delivery worker: claim (one short statement), send (no transaction open), record (a second
 * short transaction), repeat. It polls every `pollMs` and on every wake-up hint; polling alone
 * finds every due delivery, so a lost hint only costs latency.
 *
 * Hand-off (issue 16): a commit's fresh deliveries arrive in memory (`handoff`) and are leased by
 * id in one statement per batch, scheduled here per endpoint (max_concurrency, fair share, rate)
 * and per room (FIFO, handoff.ts); no claim search runs for them. Polling stays the truth for
 * everything else: retries, start-up, a hand-off dropped or refused. After a completion the poll
 * claim runs again only while it is finding work (a backlog), not for every delivery.
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
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import type { EndpointLimit } from '../store/outbox/fresh.ts';
import { endpointPolicy } from '../domain/endpoint-rules.ts';
import { fairCaps } from '../store/outbox/shares.ts';
import { RateLimiter } from './rate-limit.ts';
import { BREAKER_THRESHOLD } from './breaker.ts';
import { FreshQueue } from './handoff.ts';
import { logDisabled, logFailedAttempt, logPaused, logResumed } from './log-lines.ts';
import type { Log, WorkerDeps } from './ports.ts';
import { createEgressAgent } from './http/guarded-connect.ts';
import { ShutdownError } from './http/classify.ts';
import { attemptOnce } from './attempt.ts';

/** Sent-but-unrecorded deliveries allowed per sending slot (a crash re-sends them, same webhook-id). */
const RECORDING_PER_SLOT = 4;

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
  /** Deliveries sent or being recorded, by id: stop() waits for them. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Requests on the wire (their slot is taken). A success gives its slot back when the receiver
   * has answered, not when its record has committed: the record waits for the API thread's next
   * group commit, and holding the slot through it made the commit's latency the engine's limit
   * (64 slots / ~20 ms). Its room stays busy until the record is done, so per-room order holds.
   */
  private sending = 0;
  /**
   * Slots a claim or a lease of hand-offs on its way has been offered: both run at once (each
   * awaits the store), and each must see the other's share, or together they took the cap twice.
   */
  private promised = 0;
  /** Sent deliveries whose record is not committed yet: bounded, so a slow store slows sending. */
  private readonly maxRecording: number;
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
  /** The last poll round claimed rows: completions claim again soon (a backlog is draining). */
  private pollFinding = true;

  // hand-off state
  private readonly fresh = new FreshQueue();
  /** Deliveries in flight per endpoint, both paths. */
  private readonly busy = new Map<string, number>();
  /** Ids reserved or in flight, both paths: never sent twice at once. */
  private readonly taken = new Set<string>();
  private limits = new Map<string, EndpointLimit>();
  private limitsLoading: Promise<void> | undefined;
  private dispatching = false;
  private dispatchAgain = false;
  private freshFailures = 0;
  /** Hand-offs refused while a claim round ran: refused because that claim took them, or not. */
  private refusedInClaim: string[] = [];

  private readonly log: Log;

  constructor(
    private readonly s: WorkerDeps,
    opts: WorkerOptions = {},
  ) {
    this.log = s.log;
    this.pollMs = opts.pollMs ?? 250;
    this.maxInFlight = opts.maxInFlight ?? 64;
    this.maxRecording = this.maxInFlight * RECORDING_PER_SLOT;
    this.stopTimeoutMs = opts.stopTimeoutMs ?? 10_000;
    this.leaseMarginMs = opts.leaseMarginMs ?? 10_000;
    this.agent = createEgressAgent({ allowlist: s.egressAllowlist });
    // every request on the wire listens on the shutdown signal; up to maxInFlight is expected
    // (Node's leak warning, at 81 of 80, is how a claim and a hand-off lease taking the cap
    // twice over showed itself: see `promised`)
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
        this.s.wakeups.set((fresh) => (fresh && fresh.length > 0 ? this.handoff(fresh) : this.kick()));
        this.timer = setInterval(() => {
          this.kick();
          void this.loadLimits();
        }, this.pollMs);
        this.kick();
      });
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Slots free for new requests: both the wire and the records behind it are bounded. */
  private freeSlots(): number {
    return Math.min(this.maxInFlight - this.sending, this.maxRecording - this.inFlight.size) - this.promised;
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
    const free = this.freeSlots();
    if (free <= 0) return;
    if (this.claimFailures > 0 && performance.now() < this.claimPausedUntil) return;
    const now = this.s.now();
    let claimed: Claimed[];
    this.promised += free;
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
    } finally {
      this.promised -= free; // before the rows below take their slots
    }
    if (this.claimFailures > 0) {
      this.log.info({ failedClaims: this.claimFailures }, 'delivery claims resumed');
      this.claimFailures = 0;
    }
    // Under load a claim mostly finds rows that were handed off and wait here for a slot; those are
    // not a backlog, and counting them kept the claim running after every completion for good
    // (measured: 40 % of deliveries went through claims, each a write on the API thread, and every
    // hand-off taken by a claim was refused later). Only rows the hand-offs do not hold say the
    // store has work of its own (retries, a backlog, dropped hand-offs).
    const own = (r: Claimed) => this.fresh.has(r._id) || this.taken.has(r._id);
    this.pollFinding = claimed.some((r) => !own(r));
    if (this.refusedInClaim.length > 0) {
      const ids = new Set(claimed.map((r) => r._id));
      if (this.refusedInClaim.some((id) => !ids.has(id))) this.pollFinding = true;
      this.refusedInClaim = [];
    }
    for (const row of claimed) {
      // a hand-off taken without a lease (single process) may be found by the claim while in
      // flight: it is already being sent; its record clears the lease the claim just wrote
      // (a row only reserved by the hand-off is launched here: the hand-off will find it leased)
      if (this.inFlight.has(row._id)) continue;
      this.launch(row);
    }
  }

  /** Sends a leased row; when it is done its slot, endpoint count and room are freed. */
  private launch(row: Claimed): void {
    this.taken.add(row._id);
    this.busy.set(row.endpoint_id, (this.busy.get(row.endpoint_id) ?? 0) + 1);
    this.fresh.busy(row.endpoint_id, row.order_key);
    this.sending++;
    let slotHeld = true;
    const freeSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      this.sending--;
      const n = (this.busy.get(row.endpoint_id) ?? 1) - 1;
      if (n > 0) this.busy.set(row.endpoint_id, n);
      else this.busy.delete(row.endpoint_id);
    };
    const p = this.process(row, freeSlot).then(
      (status) => this.finished(row, status !== undefined && status !== 'pending', freeSlot),
      () => this.finished(row, false, freeSlot),
    );
    this.inFlight.set(row._id, p);
  }

  private finished(row: Claimed, roomMayGoOn: boolean, freeSlot: () => void): void {
    this.inFlight.delete(row._id);
    this.taken.delete(row._id);
    freeSlot();
    this.fresh.done(row.endpoint_id, row.order_key, roomMayGoOn);
    // a retry (or a release) leaves the room's later rows to polling
    if (!roomMayGoOn) this.pollFinding = true;
    if (this.fresh.size > 0) this.dispatch();
    // while polling finds work (a backlog, a room's next row it holds) it claims again soon;
    // handed-off work alone never runs the claim search
    if (this.pollFinding) this.kickSoon();
  }

  /**
   * Fresh deliveries from a commit (in memory, after it). Beyond the queue's bound they are left
   * to polling, which finds every due row anyway.
   */
  handoff(items: readonly FreshDelivery[]): void {
    if (this.stopping) return;
    let dropped = false;
    for (const d of items) if (!this.fresh.push(d)) dropped = true;
    if (dropped) this.pollFinding = true;
    this.dispatch();
  }

  private async loadLimits(): Promise<void> {
    this.limitsLoading ??= this.s.outbox
      .endpointLimits(this.s.now())
      .then((rows) => {
        this.limits = new Map(rows.map((r) => [r._id, r]));
      })
      .catch(() => undefined) // the next poll tries again; hand-offs wait or go to polling
      .finally(() => (this.limitsLoading = undefined));
    return this.limitsLoading;
  }

  /** Leases and sends what the hand-off queue may send now; calls during a run coalesce. */
  private dispatch(): void {
    if (this.stopping) return;
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    this.dispatching = true;
    void (async () => {
      try {
        do {
          this.dispatchAgain = false;
          await this.dispatchOnce();
        } while (this.dispatchAgain && !this.stopping);
      } finally {
        this.dispatching = false;
      }
    })();
  }

  private async dispatchOnce(): Promise<void> {
    if (this.fresh.size === 0) return;
    for (const id of this.fresh.endpoints()) {
      if (!this.limits.has(id)) {
        await this.loadLimits();
        break;
      }
    }
    const picked = this.pickFresh();
    if (picked.length === 0) return;
    let claimed: Claimed[];
    this.promised += picked.length;
    try {
      claimed = await this.s.outbox.leaseFresh({
        owner: this.owner,
        now: this.s.now(),
        leaseMarginMs: this.leaseMarginMs,
        ids: picked.map((d) => d.id),
      });
    } catch (err) {
      // our failure: the rows stay pending in the store, polling takes them when it can
      if (this.freshFailures++ === 0)
        this.log.error({ err: errText(err) }, 'leasing handed-off deliveries failed; left to polling');
      this.pollFinding = true;
      for (const d of picked) this.unreserve(d);
      return;
    } finally {
      this.promised -= picked.length;
    }
    this.freshFailures = 0;
    const got = new Set(claimed.map((c) => c._id));
    for (const d of picked) {
      this.unreserve(d);
      // refused because behind an older row the store knows of (a retry): polling's; refused
      // because polling took it meanwhile: already in flight, nothing to find
      if (!got.has(d.id) && !this.inFlight.has(d.id)) {
        // a claim running now may have taken it (its answer is on the way): decided when it lands
        if (this.running) this.refusedInClaim.push(d.id);
        else this.pollFinding = true;
      }
    }
    // polling may have claimed and launched one of them meanwhile (single process, unleased)
    for (const row of claimed) if (!this.inFlight.has(row._id)) this.launch(row);
    if (this.fresh.size > 0) this.dispatchAgain = true;
  }

  /** Reserved while its lease is written: counted against the endpoint's limits and its room. */
  private reserve(d: FreshDelivery): void {
    this.taken.add(d.id);
    this.busy.set(d.endpointId, (this.busy.get(d.endpointId) ?? 0) + 1);
    this.fresh.busy(d.endpointId, d.orderKey);
  }

  private unreserve(d: FreshDelivery): void {
    if (!this.inFlight.has(d.id)) this.taken.delete(d.id); // launch() takes it again if it was leased
    const n = (this.busy.get(d.endpointId) ?? 1) - 1;
    if (n > 0) this.busy.set(d.endpointId, n);
    else this.busy.delete(d.endpointId);
    // the room goes on only through its leased row (launch marks it busy again) or through polling
    this.fresh.done(d.endpointId, d.orderKey, true);
  }

  /**
   * Takes entries round-robin over endpoints, each up to its room (max_concurrency, or 1 for a
   * breaker's probe; its fair part of the process's slots, as the claim shares them; its rate),
   * within the free global slots.
   */
  private pickFresh(): FreshDelivery[] {
    let free = this.freeSlots();
    if (free <= 0) return [];
    const now = this.s.now();
    const demand: { id: string; cap: number; room: number; rate: number | null }[] = [];
    for (const id of [...this.fresh.endpoints()]) {
      const limit = this.limits.get(id);
      if (!limit) continue;
      if (!limit.open) {
        this.fresh.dropEndpoint(id); // paused or disabled: its rows wait in the store
        this.pollFinding = true;
        continue;
      }
      const probe = endpointPolicy(limit.kind).breaker && limit.consecutive_failures >= BREAKER_THRESHOLD;
      demand.push({
        id,
        cap: probe ? 1 : limit.max_concurrency,
        room: 0,
        rate: limit.rate_limit_per_second,
      });
    }
    if (demand.length === 0) return [];
    const caps = fairCaps(
      [
        ...demand.map((e) => ({
          _id: e.id,
          max_concurrency: e.cap,
          leased: this.busy.get(e.id) ?? 0,
          mine: this.busy.get(e.id) ?? 0,
          due: true,
        })),
        // endpoints busy without queued entries hold their part of the slots too
        ...[...this.busy.entries()]
          .filter(([id]) => !demand.some((e) => e.id === id))
          .map(([id, n]) => ({
            _id: id,
            max_concurrency: this.limits.get(id)?.max_concurrency ?? n,
            leased: n,
            mine: n,
            due: false,
          })),
      ],
      this.maxInFlight,
    );
    for (const e of demand) {
      let room = Math.max(0, Math.min(e.cap, caps.get(e.id) ?? 0) - (this.busy.get(e.id) ?? 0));
      if (room > 0 && e.rate) room = this.rates.take(e.id, e.rate, room, now);
      e.room = room;
    }
    const picked: FreshDelivery[] = [];
    let progress = true;
    while (free > 0 && progress) {
      progress = false;
      for (const e of demand) {
        if (free === 0) break;
        if (e.room === 0) continue;
        const d = this.fresh.take(e.id);
        if (!d) {
          if (e.rate) this.rates.refund(e.id, e.room);
          e.room = 0;
          continue;
        }
        if (this.taken.has(d.id)) {
          progress = true; // already in flight by polling: nothing to do for this entry
          continue;
        }
        this.reserve(d);
        picked.push(d);
        e.room--;
        free--;
        progress = true;
      }
    }
    for (const e of demand) if (e.rate && e.room > 0) this.rates.refund(e.id, e.room);
    return picked;
  }

  /** Sends and records one row; resolves to its new status, or undefined if released. */
  private async process(row: Claimed, sent: () => void): Promise<string | undefined> {
    try {
      const result = await attemptOnce(this.s, this.agent, this.owner, row, row.target, this.shutdown.signal, sent);
      if (result === 'released') return undefined;
      this.s.live.publish({
        kind: 'delivery',
        deliveryId: row._id,
        endpointId: row.endpoint_id,
        status: result.status,
      });
      const endpoint = row.target?.endpoint;
      if (result.status !== 'succeeded') {
        logFailedAttempt(this.log, {
          deliveryId: row._id,
          endpoint,
          endpointId: row.endpoint_id,
          attempt: row.attempts + 1,
          errorClass: result.errorClass,
          errorMessage: result.errorMessage,
          statusCode: result.statusCode,
          status: result.status,
          nextAttemptAt: result.nextAttemptAt,
        });
      } else if (
        endpoint &&
        endpointPolicy(endpoint.kind).breaker &&
        endpoint.consecutive_failures >= BREAKER_THRESHOLD
      ) {
        logResumed(this.log, row.endpoint_id, endpoint);
      }
      if (result.paused !== undefined) logPaused(this.log, row.endpoint_id, endpoint, result.paused);
      if (result.disabled !== undefined) logDisabled(this.log, row.endpoint_id, endpoint, result.disabled);
      return result.status;
    } catch (err) {
      // Our failure (database): give the lease back without spending an attempt.
      this.log.error({ deliveryId: row._id, err: errText(err) }, 'recording a delivery attempt failed; lease released');
      await this.s.outbox.release(this.owner, [row._id], this.s.now()).catch(() => undefined);
      return undefined;
    }
  }

  /** Stop claiming, let in-flight requests finish (bounded), abort the rest, close the agent. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.fresh.clear(); // the rows stay pending in the store
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
