import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/delivery/rate-limit.ts';

describe('endpoint rate limiter', () => {
  it('allows one second of burst, then refills at the rate', () => {
    const r = new RateLimiter();
    expect(r.take('e', 5, 10, 0)).toBe(5);
    expect(r.take('e', 5, 10, 0)).toBe(0);
    expect(r.take('e', 5, 10, 400)).toBe(2);
    expect(r.take('e', 5, 10, 10_000)).toBe(5); // never more than a second's worth saved up
    r.refund('e', 3);
    expect(r.take('e', 5, 10, 10_000)).toBe(3);
    expect(r.take('other', 1, 10, 0)).toBe(1);
  });
});
