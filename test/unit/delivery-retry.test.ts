import { describe, expect, it } from 'vitest';
import { EXPONENTIAL_DELAYS_MS, nextDelayMs, parseSchedule } from '../../src/delivery/retry.ts';

const rc = { count: 10, delayMs: 10_000 };

describe('retry schedules', () => {
  it("keeps the managers guide's promise: 10 retries, 10 s apart, then spent (11 attempts)", () => {
    for (let made = 1; made <= 10; made++) expect(nextDelayMs({ kind: 'rocketchat' }, made, rc)).toBe(10_000);
    expect(nextDelayMs({ kind: 'rocketchat' }, 11, rc)).toBeNull();
    expect(nextDelayMs({ kind: 'rocketchat' }, 1, { count: 0, delayMs: 5 })).toBeNull();
  });

  it('exponential: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (ten attempts), ±20% jitter', () => {
    const hour = 3_600_000;
    expect(EXPONENTIAL_DELAYS_MS).toEqual([
      5000,
      300_000,
      1_800_000,
      2 * hour,
      5 * hour,
      10 * hour,
      14 * hour,
      20 * hour,
      24 * hour,
    ]);
    EXPONENTIAL_DELAYS_MS.forEach((base, i) => {
      expect(nextDelayMs({ kind: 'exponential' }, i + 1, rc, () => 0.5)).toBe(base);
      expect(nextDelayMs({ kind: 'exponential' }, i + 1, rc, () => 0)).toBe(Math.round(base * 0.8));
      expect(nextDelayMs({ kind: 'exponential' }, i + 1, rc, () => 0.999999)).toBeLessThanOrEqual(
        Math.round(base * 1.2),
      );
    });
    expect(nextDelayMs({ kind: 'exponential' }, 10, rc)).toBeNull();
    const total = EXPONENTIAL_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / (24 * 3_600_000)).toBeGreaterThan(3); // about three days
    for (let i = 0; i < 200; i++) {
      const d = nextDelayMs({ kind: 'exponential' }, 2, rc)!;
      expect(d).toBeGreaterThanOrEqual(240_000);
      expect(d).toBeLessThanOrEqual(360_000);
    }
  });

  it('list: the given waits, in order, then spent', () => {
    const s = { kind: 'list', delaysMs: [0, 100, 2000] } as const;
    expect([1, 2, 3, 4].map((n) => nextDelayMs({ ...s, delaysMs: [...s.delaysMs] }, n, rc))).toEqual([
      0,
      100,
      2000,
      null,
    ]);
  });

  it('parses endpoints.retry, falling back to exponential', () => {
    expect(parseSchedule('{"kind":"rocketchat"}')).toEqual({ kind: 'rocketchat' });
    expect(parseSchedule('{"kind":"list","delaysMs":[1,2]}')).toEqual({ kind: 'list', delaysMs: [1, 2] });
    expect(parseSchedule('{"kind":"list","delaysMs":[-1]}')).toEqual({ kind: 'exponential' });
    expect(parseSchedule('garbage')).toEqual({ kind: 'exponential' });
    expect(parseSchedule(null)).toEqual({ kind: 'exponential' });
  });
});
