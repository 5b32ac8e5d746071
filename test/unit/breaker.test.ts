/**
 * The circuit breaker's policy on a test clock: it measures how long an endpoint has been
 * failing, not how many requests failed at once (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { BREAKER_THRESHOLD, MIN_FAILING_MS, onFailure, pauseMs } from '../../src/delivery/breaker.ts';
import type { BreakerState } from '../../src/delivery/breaker.ts';

const DAY = 86_400_000;
const DISABLE_AFTER = 5 * DAY;

/** The endpoint's breaker columns, changed as the store changes them (store/outbox/record.ts). */
class Endpoint {
  state: BreakerState = { failures: 0, failingSince: null, mark: null };
  pausedUntil = 0;
  disabled: string | null = null;

  fail(startedAt: number, now: number): void {
    const c = onFailure(this.state, startedAt, now, DISABLE_AFTER);
    if (c.kind === 'ignore') return;
    this.state = { failures: c.failures, failingSince: c.failingSince, mark: now };
    if (c.kind === 'disable') this.disabled = c.reason;
    else if (c.pauseUntil !== null) this.pausedUntil = Math.max(this.pausedUntil, c.pauseUntil);
  }

  succeed(now: number): void {
    if (this.state.failures > 0) this.state = { failures: 0, failingSince: null, mark: now };
  }

  paused(now: number): boolean {
    return this.pausedUntil > now;
  }

  /** The claim lets one probe through once the count reached the threshold. */
  probing(): boolean {
    return this.state.failures >= BREAKER_THRESHOLD;
  }
}

describe('circuit breaker', () => {
  it('counts the requests in flight when the receiver went away as one failure', () => {
    const ep = new Endpoint();
    // 100 requests started at t=0 (a hanging endpoint at max concurrency), failing over 50 ms
    for (let i = 0; i < 100; i++) ep.fail(0, 1000 + i / 2);
    expect(ep.state.failures).toBe(1);
    expect(ep.paused(1050)).toBe(false);
  });

  it('does not pause for a 2-second receiver restart at any concurrency', () => {
    const ep = new Endpoint();
    // rounds of 64 attempts every 10 ms, each refused within a millisecond, for 2 s
    let now = 0;
    for (let round = 0; round < 200; round++, now += 10) {
      for (let i = 0; i < 64; i++) ep.fail(now, now + 1);
    }
    expect(ep.state.failures).toBe(BREAKER_THRESHOLD - 1);
    expect(ep.paused(now)).toBe(false);
    expect(ep.probing()).toBe(false);
    // the receiver is back: the first success ends the streak
    ep.succeed(now + 5);
    expect(ep.state).toEqual({ failures: 0, failingSince: null, mark: now + 5 });
    // a straggler that started before that success fails late: it starts no new streak
    ep.fail(now - 3, now + 20);
    expect(ep.state.failures).toBe(0);
  });

  it('keeps the documented schedule for a long outage: 30 s after 10 s of failures, doubling to 10 min, then disable', () => {
    const ep = new Endpoint();
    // one round of 10 attempts per second (1 s timeout) until the breaker pauses
    let now = 0;
    while (!ep.paused(now)) {
      for (let i = 0; i < 10; i++) ep.fail(now, now + 1000);
      now += 1000;
    }
    // the pause comes once the failures have lasted MIN_FAILING_MS, never before
    expect(ep.state.failingSince).toBe(1000);
    expect(now - 1000).toBe(MIN_FAILING_MS);
    expect(ep.pausedUntil - now).toBe(30_000);
    expect(ep.probing()).toBe(true);
    // stragglers started before the pausing failure do not extend the pause
    ep.fail(now - 500, now + 100);
    expect(ep.pausedUntil - now).toBe(30_000);
    // each pause ends with one probe; each failed probe doubles the pause, up to 10 minutes
    const pauses: number[] = [];
    for (let i = 0; i < 8; i++) {
      now = ep.pausedUntil;
      ep.fail(now, now + 1000);
      now += 1000;
      pauses.push(ep.pausedUntil - now);
    }
    expect(pauses).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000, 600_000]);
    expect(pauseMs(BREAKER_THRESHOLD)).toBe(30_000);
    // a probe that succeeds ends it all
    ep.succeed(ep.pausedUntil + 10);
    expect(ep.probing()).toBe(false);
  });

  it('disables an endpoint that failed without a break for the configured period, saying why', () => {
    const ep = new Endpoint();
    ep.fail(0, 0);
    expect(ep.disabled).toBeNull();
    ep.fail(DISABLE_AFTER - 1, DISABLE_AFTER);
    expect(ep.disabled).toContain('since 1970-01-01T00:00:00.000Z');
    expect(ep.disabled).toContain('5 days');
  });

  it('pauses a slow trickle of failures like before: after the threshold, once the streak is old enough', () => {
    const ep = new Endpoint();
    // one event a minute, every one failing
    for (let i = 0; i < BREAKER_THRESHOLD - 1; i++) ep.fail(i * 60_000, i * 60_000 + 5);
    expect(ep.paused(4 * 60_000)).toBe(false);
    ep.fail(4 * 60_000, 4 * 60_000 + 5);
    expect(ep.pausedUntil).toBe(4 * 60_000 + 5 + 30_000);
  });
});
