/**
 * Retry schedules, pure. `attemptsMade` counts attempts including the one that just failed; the
 * answer is the wait before the next attempt, or null when the schedule is spent (the delivery is
 * then parked as failed, never deleted, and can be replayed).
 */

import type { RetrySchedule } from '../domain/endpoint-rules.ts';

export type { RetrySchedule };

/**
 * Rocket.Chat's managers guide promises the Webhooks page 10 retries, 10 s apart; the figures
 * come from settings: retry `count` times, `delayMs` apart (count + 1 attempts in all).
 */
export interface RocketChatRetry {
  count: number;
  delayMs: number;
}

/**
 * Waits after the 1st, 2nd, ... failed attempt: the first attempt is immediate, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — ten attempts over about three days (Svix's table).
 */
export const EXPONENTIAL_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** ±20%: spreads the retries of many deliveries that failed together (a receiver outage). */
export const JITTER = 0.2;

/** Parses endpoints.retry; anything unreadable falls back to exponential (the safe default). */
export function parseSchedule(text: string | null | undefined): RetrySchedule {
  try {
    const v = JSON.parse(text ?? '') as { kind?: unknown; delaysMs?: unknown };
    if (v.kind === 'rocketchat' || v.kind === 'exponential') return { kind: v.kind };
    if (
      v.kind === 'list' &&
      Array.isArray(v.delaysMs) &&
      v.delaysMs.every((d) => typeof d === 'number' && Number.isFinite(d) && d >= 0)
    ) {
      return { kind: 'list', delaysMs: v.delaysMs as number[] };
    }
  } catch {
    // fall through
  }
  return { kind: 'exponential' };
}

/** The wait before the next attempt, or null when no retry is left. `random` returns [0, 1). */
export function nextDelayMs(
  schedule: RetrySchedule,
  attemptsMade: number,
  rc: RocketChatRetry,
  random: () => number = Math.random,
): number | null {
  switch (schedule.kind) {
    case 'rocketchat':
      return attemptsMade <= rc.count ? rc.delayMs : null;
    case 'list': {
      const d = schedule.delaysMs[attemptsMade - 1];
      return d === undefined ? null : d;
    }
    case 'exponential': {
      const d = EXPONENTIAL_DELAYS_MS[attemptsMade - 1];
      if (d === undefined) return null;
      return Math.round(d * (1 - JITTER + 2 * JITTER * random()));
    }
  }
}
