/**
 * The delivery-load benches' saturated measurement: producers at most `cap` events ahead of the
 * receiver for `durationMs`, then drained; deliveries/s from the first production to the last
 * receipt, event-to-receipt p50/p99, and the checks every row makes (lost, duplicated, out of
 * room order, producer errors) appended to `problems`.
 */
import { saturate } from './load.ts';
import type { Receiver } from './receiver.ts';
import { fmt, ms, sleep } from './stats.ts';

export interface SaturatedRow {
  system: string;
  rate: number;
  p50: number;
  p99: number;
}

export interface SaturatedOptions {
  durationMs: number;
  producers: number;
  cap: number;
  /** How long to wait for the last receipts after production stops. */
  drainMs: number;
  problems: string[];
  log: (line: string) => void;
}

export async function measureSaturated(
  system: string,
  rcv: Receiver,
  produce: (i: number) => Promise<void>,
  opts: SaturatedOptions,
): Promise<SaturatedRow> {
  await rcv.reset();
  const res = await saturate({
    durationMs: opts.durationMs,
    producers: opts.producers,
    cap: opts.cap,
    received: rcv.received,
    produce,
  });
  const got = await rcv.waitFor(res.produced, opts.drainMs);
  await sleep(50);
  const st = await rcv.stats();
  const { problems } = opts;
  if (got < res.produced) problems.push(`${system}: ${res.produced - got} of ${res.produced} not received`);
  if (res.errors > 0) problems.push(`${system}: ${res.errors} producer errors, first: ${res.firstError}`);
  if (st.uniqueIds < st.count) problems.push(`${system}: ${st.count - st.uniqueIds} duplicate webhook-ids`);
  if (st.outOfOrder > 0) problems.push(`${system}: ${st.outOfOrder} events out of room order`);
  const rate = st.count / ((st.lastAt - res.startedAt) / 1000);
  opts.log(
    `  ${system}: ${fmt(st.count)} received, ${fmt(rate)}/s, p50 ${ms(st.latency.p50)} p99 ${ms(st.latency.p99)}`,
  );
  return { system, rate, p50: st.latency.p50, p99: st.latency.p99 };
}
