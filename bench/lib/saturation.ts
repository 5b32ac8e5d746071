/**
 * The delivery-load row `saturation` (issue 16: "under API saturation, delivery keeps pace (no
 * growing backlog), with p99 quoted"). A server alone in a child process (npm-start style, SQLite
 * file, delivery thread on as by default, one custom endpoint, concurrency 64, receiver up) gets
 * as many POST livechat/message as it answers: `clients` requests always outstanding (closed
 * loop, no cap on the backlog) for `durationMs`. Every 200 ms the backlog (events the API
 * acknowledged minus receipts) is sampled; its least-squares slope over the last half says
 * whether delivery keeps pace. "growing" needs both: a slope above 2 % of the API's rate
 * (delivery falls behind by that share) and a rise over the last half larger than the first
 * half's mean backlog (a backlog that grows from zero rises by twice that; noise on a bounded
 * one of a few dozen events does not). Otherwise "flat". Longer `--duration`, sharper verdict.
 */
import { join } from 'node:path';
import { paced } from './load.ts';
import { processCpuMicros } from './child.ts';
import { sampleRss } from './rss.ts';
import { startReceiver } from './receiver.ts';
import { startServerUnderTest } from './server-under-test.ts';
import { fmt, ms, nowMs, sleep, summarize, table } from './stats.ts';

export interface SaturationOptions {
  dir: string;
  durationMs: number;
  clients: number;
  rooms: number;
  drainMs: number;
  problems: string[];
  log: (line: string) => void;
}

const GROWING_SHARE = 0.02;

/** Least-squares slope of y over x (per unit of x); NaN with fewer than two points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export async function saturationRow(o: SaturationOptions): Promise<void> {
  o.log(
    `\nAPI saturation: ${o.clients} POST livechat/message always outstanding for ${o.durationMs / 1000} s, receiver up`,
  );
  const rcv = await startReceiver();
  const server = await startServerUnderTest({
    name: 'omnihook-saturation',
    dbPath: join(o.dir, 'saturation.db'),
    rcv,
    connections: o.clients,
    concurrency: 64,
    rooms: o.rooms,
  });
  const rss = sampleRss(server.pid);
  try {
    // the delivery thread takes a moment to start, the JIT a moment to warm: not measured
    await rcv.reset();
    const warm = await paced({ rate: 200, durationMs: 2000, produce: (i) => server.post(9_000_000 + i) });
    await rcv.waitFor(warm.produced, 60_000);
    await rcv.reset();

    const latency: number[] = [];
    const backlog: { x: number; y: number }[] = [];
    let produced = 0;
    let errors = 0;
    let firstError: string | undefined;
    const t0 = nowMs();
    const cpu0 = processCpuMicros(server.pid);
    const end = t0 + o.durationMs;
    const sampler = setInterval(() => backlog.push({ x: (nowMs() - t0) / 1000, y: produced - rcv.received() }), 200);
    let next = 0;
    await Promise.all(
      Array.from({ length: o.clients }, async () => {
        while (nowMs() < end && errors <= 100) {
          const t = nowMs();
          try {
            await server.post(next++);
            latency.push(nowMs() - t);
            produced++;
          } catch (err) {
            errors++;
            firstError ??= err instanceof Error ? err.message : String(err);
          }
        }
      }),
    );
    clearInterval(sampler);
    const windowS = (nowMs() - t0) / 1000;
    const cpu1 = processCpuMicros(server.pid);
    const receivedInWindow = rcv.received();
    const got = await rcv.waitFor(produced, o.drainMs);
    const tailS = (nowMs() - t0) / 1000 - windowS;
    await sleep(50);
    const st = await rcv.stats();
    if (errors > 0) o.problems.push(`saturation: ${errors} API errors, first: ${firstError}`);
    if (got < produced) o.problems.push(`saturation: ${produced - got} of ${produced} events not received`);
    if (st.uniqueIds < st.count) o.problems.push(`saturation: ${st.count - st.uniqueIds} duplicate webhook-ids`);
    if (st.outOfOrder > 0) o.problems.push(`saturation: ${st.outOfOrder} events out of room order`);

    const apiRate = produced / windowS;
    const half = backlog.filter((p) => p.x >= windowS / 2);
    const firstHalf = backlog.filter((p) => p.x < windowS / 2);
    const mean = (ps: { y: number }[]) => ps.reduce((a, p) => a + p.y, 0) / Math.max(1, ps.length);
    const growth = slope(half);
    const verdict = growth > GROWING_SHARE * apiRate && growth * (windowS / 2) > mean(firstHalf) ? 'growing' : 'flat';
    const api = summarize(latency);
    const cpu = cpu0 !== undefined && cpu1 !== undefined ? `${fmt((cpu1 - cpu0) / 1e4 / windowS)} %` : 'n/a';
    // one sample a second, to read the trend by eye
    const perSecond = backlog.filter((p, i) => i % 5 === 4).map((p) => fmt(p.y));
    o.log(`  backlog each second: ${perSecond.join(', ')}`);
    o.log('');
    o.log(
      table(
        [
          'API req/s',
          'deliveries/s',
          'API p50 / p99',
          'event->receipt p50 / p99',
          'backlog mean 1st / 2nd half, max',
          'slope 2nd half',
          'backlog',
          'tail',
          'server CPU, RSS peak',
        ],
        [
          [
            fmt(apiRate),
            fmt(receivedInWindow / windowS),
            `${ms(api.p50)} / ${ms(api.p99)}`,
            `${ms(st.latency.p50)} / ${ms(st.latency.p99)}`,
            `${fmt(mean(firstHalf))} / ${fmt(mean(half))}, ${fmt(Math.max(0, ...backlog.map((p) => p.y)))}`,
            `${fmt(growth)}/s (${fmt((100 * growth) / apiRate, 1)} % of API)`,
            verdict,
            `${fmt(tailS, 2)} s`,
            `${cpu}, ${fmt(rss.peak())} MB`,
          ],
        ],
      ),
    );
  } finally {
    rss.stop();
    await server.close();
    await rcv.stop();
  }
}
