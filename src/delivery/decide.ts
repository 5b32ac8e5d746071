/**
 * From an attempt's outcome to the delivery's next state and the endpoint's health change. Pure.
 */
import type { Outcome } from './http/classify.ts';
import { nextDelayMs } from './retry.ts';
import type { RetrySchedule, RocketChatRetry } from './retry.ts';
import type { Decision } from '../store/outbox/record.ts';

export type { Decision };
export type DeliveryStatus = Decision['status'];

export function decide(
  outcome: Outcome,
  attemptsMade: number,
  schedule: RetrySchedule,
  rc: RocketChatRetry,
  now: number,
  random: () => number = Math.random,
): Decision {
  if (outcome.kind === 'success') {
    return { status: 'succeeded', nextAttemptAt: now, completedAt: now, endpoint: { kind: 'healthy' } };
  }
  if (outcome.kind === 'disable') {
    return {
      status: 'failed',
      nextAttemptAt: now,
      completedAt: now,
      endpoint: { kind: 'disable', reason: outcome.reason },
    };
  }
  const pauseUntil = outcome.retryAfterMs ? now + outcome.retryAfterMs : undefined;
  const endpoint = { kind: 'failing' as const, ...(pauseUntil !== undefined ? { pauseUntil } : {}) };
  const delay = nextDelayMs(schedule, attemptsMade, rc, random);
  if (delay === null) return { status: 'failed', nextAttemptAt: now, completedAt: now, endpoint };
  // Retry-After is a floor: the receiver asked us not to come back sooner.
  const wait = Math.max(delay, outcome.retryAfterMs ?? 0);
  return { status: 'pending', nextAttemptAt: now + wait, completedAt: null, endpoint };
}
