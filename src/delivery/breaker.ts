/**
 * The circuit breaker of a custom endpoint. Pure: given the endpoint's failure streak, what to do.
 * - After THRESHOLD consecutive failed attempts the endpoint is paused: its deliveries wait in
 *   the store and occupy no worker. The pause doubles with each further failure (30 s up to
 *   10 min).
 * - When a pause ends the endpoint is "probed": the claim gives it ONE slot while the streak
 *   lasts. A success ends the streak, the endpoint is healthy again and its backlog drains at
 *   full concurrency by itself; a failure pauses it again.
 * - An endpoint failing without a break for longer than `disableAfterMs` (default 5 days) is
 *   disabled, with the reason shown to managers; re-enabling it (PATCH enabled: true) resets it.
 * The built-in Webhooks-page endpoint never trips (domain/endpoint-rules.ts, endpointPolicy):
 * Rocket.Chat's managers guide promises its 10 retries, 10 s apart.
 */
import type { BreakerRule, BreakerState, BreakerVerdict } from '../store/outbox/record.ts';

export type { BreakerState, BreakerVerdict };

export const BREAKER_THRESHOLD = 5;
const FIRST_PAUSE_MS = 30_000;
const MAX_PAUSE_MS = 10 * 60_000;

export function pauseMs(consecutiveFailures: number): number {
  const over = Math.max(0, consecutiveFailures - BREAKER_THRESHOLD);
  return Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS * 2 ** Math.min(over, 20));
}

export function breakerVerdict(state: BreakerState, now: number, disableAfterMs: number): BreakerVerdict {
  if (now - state.failingSince >= disableAfterMs) {
    const days = Math.round((now - state.failingSince) / 86_400_000);
    return {
      kind: 'disable',
      reason: `every attempt failed since ${new Date(state.failingSince).toISOString()} (${days} days, limit ${Math.round(disableAfterMs / 86_400_000)}); fix the receiver, then enable the endpoint again`,
    };
  }
  if (state.consecutiveFailures >= BREAKER_THRESHOLD)
    return { kind: 'pause', until: now + pauseMs(state.consecutiveFailures) };
  return { kind: 'ok' };
}

/** The rule the store applies when it records a failure. */
export function breakerRule(disableAfterMs: number): BreakerRule {
  return (state, now) => breakerVerdict(state, now, disableAfterMs);
}
