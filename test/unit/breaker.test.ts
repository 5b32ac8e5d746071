import { describe, expect, it } from 'vitest';
import { breakerVerdict, pauseMs, BREAKER_THRESHOLD } from '../../src/delivery/breaker.ts';

describe('circuit breaker', () => {
  const day = 86_400_000;
  it('stays closed below the threshold, then pauses with a doubling, capped pause', () => {
    expect(breakerVerdict({ consecutiveFailures: BREAKER_THRESHOLD - 1, failingSince: 0 }, 1000, 5 * day)).toEqual({
      kind: 'ok',
    });
    expect(breakerVerdict({ consecutiveFailures: BREAKER_THRESHOLD, failingSince: 0 }, 1000, 5 * day)).toEqual({
      kind: 'pause',
      until: 31_000,
    });
    expect(pauseMs(BREAKER_THRESHOLD + 1)).toBe(60_000);
    expect(pauseMs(BREAKER_THRESHOLD + 50)).toBe(600_000);
  });
  it('disables after failing for the configured period, saying why', () => {
    const v = breakerVerdict({ consecutiveFailures: 99, failingSince: 0 }, 5 * day, 5 * day);
    expect(v.kind).toBe('disable');
    expect(v.kind === 'disable' && v.reason).toContain('since 1970-01-01T00:00:00.000Z');
  });
});
