/** Runs autocannon in this (the parent) process and reduces its result to the figures we print. */
import autocannon from 'autocannon';
import type { Options } from 'autocannon';

export interface LoadResult {
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
  durationS: number;
}

export async function cannon(opts: Options): Promise<LoadResult> {
  const r = await autocannon(opts);
  const durationS = (r.finish.getTime() - r.start.getTime()) / 1000;
  return {
    rps: r['2xx'] / durationS,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    p50: r.latency.p50,
    p99: r.latency.p99,
    durationS,
  };
}
