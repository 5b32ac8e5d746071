/**
 * The circuit breaker's side of recording a failure (issue 12): the endpoint's streak (count,
 * since when, the mark) read and rewritten in the record's transaction, by the rule that
 * delivery/breaker.ts hands over (store may not import delivery).
 */
import { sql } from 'kysely';
import { arg, first, prepareRaw } from '../prepared.ts';
import type { Exec } from '../prepared.ts';

/** An endpoint's failure streak as the store has it, before the failure being recorded. */
export interface BreakerState {
  /** Failures counted in the streak (at most one per window of attempts, see delivery/breaker.ts). */
  failures: number;
  /** When the streak's first counted failure was recorded; null while healthy. */
  failingSince: number | null;
  /** Attempts started before this time no longer move the breaker (the last counted failure, or the success that ended a streak). */
  mark: number | null;
}

/** What one failure does to the streak. */
export type BreakerChange =
  /** An attempt started before the mark: already accounted for (it was in flight when the endpoint went away). */
  | { kind: 'ignore' }
  | { kind: 'count'; failures: number; failingSince: number; pauseUntil: number | null }
  | { kind: 'disable'; failures: number; failingSince: number; reason: string };

/**
 * The circuit breaker's rule (delivery/breaker.ts), applied inside the record's transaction to
 * the endpoint's streak as the store has it; `startedAt` is when the failed attempt began.
 */
export type BreakerRule = (state: BreakerState, startedAt: number, now: number) => BreakerChange;

const breakerStateQ = prepareRaw<{ consecutive_failures: number; failing_since: number | null; mark: number | null }>(
  () => sql`SELECT consecutive_failures, failing_since, breaker_mark AS mark FROM endpoints WHERE _id = ${arg('id')}`,
);
// A pause never shortens a longer one (Retry-After, or an earlier step of the breaker).
const laterPause = sql`CASE WHEN paused_until IS NULL OR paused_until < ${arg('pause')} THEN ${arg('pause')} ELSE paused_until END`;
const pauseOnlyQ = prepareRaw(
  () => sql`UPDATE endpoints SET paused_until = ${laterPause}, updated_at = ${arg('now')} WHERE _id = ${arg('id')}`,
);
const counted = sql`consecutive_failures = ${arg('failures')}, failing_since = ${arg('failing_since')},
      breaker_mark = ${arg('now')}, updated_at = ${arg('now')}`;
const countedFailureQ = prepareRaw(() => sql`UPDATE endpoints SET ${counted} WHERE _id = ${arg('id')}`);
const countedFailureAndPauseQ = prepareRaw(
  () => sql`UPDATE endpoints SET ${counted}, paused_until = ${laterPause} WHERE _id = ${arg('id')}`,
);
const breakerDisableQ = prepareRaw(
  () => sql`UPDATE endpoints SET enabled = 0, disabled_reason = ${arg('reason')}, consecutive_failures = ${arg('failures')},
      failing_since = ${arg('failing_since')}, breaker_mark = ${arg('now')}, updated_at = ${arg('now')}
    WHERE _id = ${arg('id')}`,
);
export /**
 * A failure of an endpoint with a breaker: the rule decides whether it counts (once per window of
 * attempts), and whether the streak pauses (then probes) or disables the endpoint.
 */
async function breakerFailure(
  x: Exec,
  endpointId: string,
  retryAfterUntil: number | undefined,
  startedAt: number,
  now: number,
  breaker: BreakerRule,
  onChange?: (change: BreakerChange) => void,
): Promise<void> {
  const ep = await first(x, breakerStateQ, { id: endpointId });
  if (!ep) return;
  const state = {
    failures: Number(ep.consecutive_failures),
    failingSince: ep.failing_since === null ? null : Number(ep.failing_since),
    mark: ep.mark === null ? null : Number(ep.mark),
  };
  const change = breaker(state, startedAt, now);
  onChange?.(change);
  const base = { id: endpointId, now };
  if (change.kind === 'ignore') {
    // already counted, but a Retry-After still backs the whole endpoint off
    if (retryAfterUntil !== undefined) await x.run(pauseOnlyQ, { ...base, pause: retryAfterUntil });
  } else if (change.kind === 'count') {
    const pause = Math.max(change.pauseUntil ?? 0, retryAfterUntil ?? 0);
    const streak = { ...base, failures: change.failures, failing_since: change.failingSince };
    if (pause > 0) await x.run(countedFailureAndPauseQ, { ...streak, pause });
    else await x.run(countedFailureQ, streak);
  } else {
    await x.run(breakerDisableQ, {
      ...base,
      failures: change.failures,
      failing_since: change.failingSince,
      reason: change.reason,
    });
  }
}
