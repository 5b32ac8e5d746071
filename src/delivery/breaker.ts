/**
 * The circuit breaker of a custom endpoint. Pure: given the endpoint's failure streak and one more
 * failure, what to do. It measures how long an endpoint has been failing, not how many requests
 * failed at once (issue 12: a 2-second receiver restart paused delivery for 10 minutes, because
 * every request in flight counted as one more consecutive failure).
 * - A failure counts only if its attempt started after the mark: the last counted failure, or the
 *   success that ended the previous streak. The requests in flight when a receiver goes away all
 *   started before the first of them failed, so together they count once; each later round of
 *   attempts counts once more.
 * - The endpoint is paused once the streak has lasted MIN_FAILING_MS and counted BREAKER_THRESHOLD
 *   failures. Until it has lasted that long the count stops one short of the threshold, so a
 *   blip at any concurrency never pauses, and a real outage starts at the first step.
 * - The pause is 30 s, doubling with each further counted failure up to 10 min. When it ends the
 *   endpoint is "probed": the claim gives it ONE slot while the count is at the threshold or
 *   above. A success ends the streak and the backlog drains at full concurrency by itself; a
 *   failure (the probe started after the mark) pauses it again, twice as long.
 * - An endpoint failing without a break for longer than `disableAfterMs` (default 5 days) is
 *   disabled, with the reason shown to managers; re-enabling it (PATCH enabled: true) resets it.
 * The built-in Webhooks-page endpoint never trips (domain/endpoint-rules.ts, endpointPolicy):
 * Rocket.Chat's managers guide promises its 10 retries, 10 s apart.
 */
import type { BreakerChange, BreakerRule, BreakerState } from '../store/outbox/record.ts';

export type { BreakerChange, BreakerState };

export const BREAKER_THRESHOLD = 5;
/** How long failures must last before the breaker pauses an endpoint. */
export const MIN_FAILING_MS = 10_000;
const FIRST_PAUSE_MS = 30_000;
const MAX_PAUSE_MS = 10 * 60_000;

/** The pause after the `failures`-th counted failure (the threshold's is the first, 30 s). */
export function pauseMs(failures: number): number {
  const over = Math.max(0, failures - BREAKER_THRESHOLD);
  return Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(over, 20));
}

export function onFailure(state: BreakerState, startedAt: number, now: number, disableAfterMs: number): BreakerChange {
  if (state.mark !== null && startedAt < state.mark) return { kind: 'ignore' };
  const failingSince = state.failingSince ?? now;
  const failingFor = now - failingSince;
  const counted = state.failures + 1;
  if (failingFor >= disableAfterMs) {
    const days = Math.round(failingFor / 86_400_000);
    return {
      kind: 'disable',
      failures: counted,
      failingSince,
      reason: `every attempt failed since ${new Date(failingSince).toISOString()} (${days} days, limit ${Math.round(disableAfterMs / 86_400_000)}); fix the receiver, then enable the endpoint again`,
    };
  }
  // Too young a streak: keep the count one short, so the first pause is the first step (30 s).
  const failures = failingFor < MIN_FAILING_MS ? Math.min(counted, BREAKER_THRESHOLD - 1) : counted;
  const pauseUntil = failures >= BREAKER_THRESHOLD ? now + pauseMs(failures) : null;
  return { kind: 'count', failures, failingSince, pauseUntil };
}

/** The rule the store applies when it records a failure. */
export function breakerRule(disableAfterMs: number): BreakerRule {
  return (state, startedAt, now) => onFailure(state, startedAt, now, disableAfterMs);
}
