/**
 * The delivery-load row `backlog-server` (issue 16: a backlog of N deliveries built while the
 * receiver is down, RSS <= 300 MB throughout, drained at >= 80 % of the steady rate, the API's
 * p99 during the drain), measured on a server alone: Omnihook in a child process of its own
 * (npm-start style, SQLite file, delivery thread on), its VmRSS sampled every 200 ms.
 *
 * 1. Server A on a fresh file, set up through the API, one custom endpoint (concurrency 64):
 *    the steady rate (POST livechat/message, saturated). A stops.
 * 2. The receiver goes down: the endpoint is paused, as the circuit breaker pauses it, by the
 *    seeding child (bench/lib/backlog-seeder.ts), which with `--builder seed` (the default) also
 *    writes the N events through sendAsVisitor with no delivery worker running.
 * 3. Server B on the same file. `--builder api`: the N events are POSTed to B now, the endpoint
 *    paused. B waits 3 s, then the receiver is back: POST webhooks/endpoints/:id/resume ("Resume
 *    now"), and the backlog drains while POST livechat/message runs at 100/s beside it (its
 *    latency is the API's p99). Then the steady rate again, on B, with the drained rows in the table.
 */
import { join } from 'node:path';
import { paced } from './load.ts';
import { ADMIN_PASS } from './api.ts';
import { spawnChild } from './child.ts';
import { sampleRss } from './rss.ts';
import type { RssSampler } from './rss.ts';
import { startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';
import { measureSaturated } from './saturated.ts';
import type { SaturatedOptions, SaturatedRow } from './saturated.ts';
import { startServerUnderTest } from './server-under-test.ts';
import type { ServerUnderTest, Setup } from './server-under-test.ts';
import { fmt, ms, nowMs, sleep, summarize, table } from './stats.ts';

export type Builder = 'seed' | 'api';

export interface BacklogServerOptions extends SaturatedOptions {
  dir: string;
  backlog: number;
  builder: Builder;
  rooms: number;
}

const CONCURRENCY = 64;
const WAIT_MS = 3000;
/** The API's paced rate during the drain: modest traffic, not a second load. */
const API_RATE = 100;

/** Writes the backlog through the product's code in a child process while no server runs. */
async function seedBacklog(dbPath: string, setup: Setup, o: BacklogServerOptions): Promise<number> {
  const seeder = await spawnChild('backlog-seeder', new URL('./backlog-seeder.ts', import.meta.url).pathname, {
    env: { DATABASE_URL: `sqlite:${dbPath}`, LOG_LEVEL: 'silent', ADMIN_PASS, EGRESS_ALLOWLIST: '127.0.0.1/32' },
  });
  const rss = sampleRss(seeder.proc.pid ?? 0);
  try {
    await seeder.request({ cmd: 'pause', endpointId: setup.endpointId }, 'paused');
    if (o.builder !== 'seed') return 0;
    let lastLog = Date.now();
    seeder.onMessage((m) => {
      if (m.type !== 'seed-progress' || Date.now() - lastLog < 15_000) return;
      lastLog = Date.now();
      o.log(`  seeding: ${fmt(Number(m.written))} of ${fmt(o.backlog)}`);
    });
    const r = await seeder.request<{ type: string; written: number; errors: number; firstError?: string; ms: number }>(
      { cmd: 'seed', rooms: setup.rooms, n: o.backlog, base: 1_000_000, concurrency: 64 },
      'seeded',
      Math.max(120_000, o.backlog * 5), // 5 ms an event: far slower than it runs
    );
    if (r.errors > 0) o.problems.push(`backlog-server: seeding had ${r.errors} errors, first: ${r.firstError}`);
    o.log(
      `  seeded ${fmt(r.written)} in ${fmt(r.ms / 1000, 1)} s (${fmt(r.written / (r.ms / 1000))}/s), seeder RSS peak ${fmt(rss.peak())} MB`,
    );
    return r.written;
  } finally {
    rss.stop();
    await seeder.stop();
  }
}

/** POSTs the backlog to the running server, `producers` at a time, the endpoint paused. */
async function postBacklog(post: (i: number) => Promise<void>, o: BacklogServerOptions): Promise<number> {
  const t0 = nowMs();
  let next = 0;
  let written = 0;
  let errors = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: o.producers }, async () => {
      for (let i = next++; i < o.backlog && errors <= 100; i = next++) {
        try {
          await post(1_000_000 + i);
          written++;
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  if (errors > 0) o.problems.push(`backlog-server: ${errors} POST errors while building, first: ${firstError}`);
  const s = (nowMs() - t0) / 1000;
  o.log(`  posted ${fmt(written)} in ${fmt(s, 1)} s (${fmt(written / s)}/s)`);
  return written;
}

interface Drain {
  ms: number;
  delivered: number;
  apiLatency: number[];
}

/** Resumes the endpoint and waits for the backlog (and the API's messages meanwhile) to arrive. */
async function drain(
  server: ServerUnderTest,
  backlog: number,
  rcv: Receiver,
  rss: RssSampler,
  o: BacklogServerOptions,
): Promise<Drain> {
  const { post } = server;
  await rcv.reset();
  const t0 = nowMs();
  await server.api.call('POST', `/api/v1/webhooks/endpoints/${server.endpointId}/resume`);
  const apiLatency: number[] = [];
  let apiDone = 0;
  let stop = false;
  const traffic = (async () => {
    for (let base = 3_000_000; !stop;) {
      const r = await paced({
        rate: API_RATE,
        durationMs: 1000,
        produce: async (i) => {
          const t = nowMs();
          await post(base + i);
          apiLatency.push(nowMs() - t);
          apiDone++;
        },
      });
      base += r.produced + r.errors;
      if (r.errors > 0) o.problems.push(`backlog-server: ${r.errors} API errors in the drain, first: ${r.firstError}`);
    }
  })();
  const end = Date.now() + o.drainMs;
  // the API's messages go to the same rooms, behind their room's backlog: done when both are in
  // a long drain says how it goes every 10 s: whether RSS levels off or keeps growing
  for (let at = Date.now() + 10_000; rcv.received() < backlog + apiDone && Date.now() < end; await sleep(50)) {
    if (Date.now() < at) continue;
    at += 10_000;
    o.log(`  draining: ${fmt(rcv.received())} of ${fmt(backlog)} received, RSS ${fmt(rss.last()?.mb ?? NaN)} MB`);
  }
  const drainMs = nowMs() - t0;
  stop = true;
  await traffic;
  const total = backlog + apiDone;
  await rcv.waitFor(total, 30_000);
  await sleep(100);
  const st = await rcv.stats();
  if (st.count < total) o.problems.push(`backlog-server: ${total - st.count} of ${fmt(total)} events not received`);
  if (st.uniqueIds < st.count) o.problems.push(`backlog-server: ${st.count - st.uniqueIds} duplicate webhook-ids`);
  if (st.outOfOrder > 0) o.problems.push(`backlog-server: ${st.outOfOrder} events out of room order`);
  return { ms: drainMs, delivered: Math.min(st.count, total), apiLatency };
}

export async function backlogServerRow(o: BacklogServerOptions): Promise<void> {
  o.log(
    `\nbacklog on a server alone: ${fmt(o.backlog)} events (builder: ${o.builder}) while the endpoint is paused, then drained`,
  );
  const dbPath = join(o.dir, 'backlog-server.db');
  const rcv = await startReceiver();
  const opts = { dbPath, rcv, connections: o.producers, concurrency: CONCURRENCY, rooms: o.rooms };
  let rss: RssSampler | undefined;
  try {
    // 1. the steady rate, on a first server process with an empty outbox
    const a = await startServerUnderTest({ name: 'omnihook-backlog-a', ...opts });
    const rssA = sampleRss(a.pid);
    let setup: Setup;
    let steadyBefore: SaturatedRow;
    let peakA: number;
    try {
      // the delivery thread takes a moment to start and the JIT to warm (B is warm from the drain
      // when its steady rate is measured): a saturated round first, not counted
      await measureSaturated('warm-up on server A (not counted)', rcv, (i) => a.post(9_000_000 + i), {
        ...o,
        durationMs: Math.min(o.durationMs, 3000),
      });
      steadyBefore = await measureSaturated('steady on server A (saturated, concurrency 64)', rcv, a.post, o);
      setup = { endpointId: a.endpointId, rooms: a.rooms };
      peakA = rssA.peak();
    } finally {
      rssA.stop();
      await a.close();
    }

    // 2. the receiver goes down (the endpoint paused); the seeder writes the backlog
    const seeded = await seedBacklog(dbPath, setup, o);

    // 3. server B on the same file: (build,) wait, drain, steady again
    const b = await startServerUnderTest({ name: 'omnihook-backlog-b', ...opts, existing: setup });
    rss = sampleRss(b.pid);
    try {
      await rcv.reset();
      rss.phase = 'build';
      const written = o.builder === 'api' ? await postBacklog(b.post, o) : seeded;
      rss.phase = 'wait';
      await sleep(WAIT_MS);
      const early = rcv.received();
      if (early > 0) o.problems.push(`backlog-server: ${early} delivered while the endpoint was paused`);
      rss.phase = 'drain';
      const d = await drain(b, written, rcv, rss, o);
      // the bound holds while the backlog exists: the kernel's peak up to the drain's end
      const hwm = rss.highWater();
      rss.phase = 'after';
      const steadyAfter = await measureSaturated('steady on server B after the drain', rcv, b.post, o);
      const drainRate = d.delivered / (d.ms / 1000);
      const api = summarize(d.apiLatency);
      const peakAll = Math.max(
        hwm,
        ...['build', 'wait', 'drain'].map((p) => rss?.peak(p) ?? NaN).filter(Number.isFinite),
      );
      const steady = Math.max(steadyBefore.rate, steadyAfter.rate);
      o.log(
        `  drain vs the higher steady rate: ${fmt(drainRate / steady, 2)} (target >= 0.80: ${drainRate >= 0.8 * steady ? 'met' : 'missed'}); ` +
          `server B's RSS peak ${fmt(peakAll)} MB (target <= 300: ${peakAll <= 300 ? 'met' : 'missed'})`,
      );
      const top = rss.peakSample('drain');
      if (top) o.log(`  B's largest sample in the drain: anonymous ${fmt(top.anon)} MB, files ${fmt(top.file)} MB`);
      if (o.builder === 'seed') o.log('  (builder seed: no server runs while the backlog is written, "build" is n/a)');
      o.log('');
      o.log(
        table(
          [
            'backlog',
            'steady/s A / B',
            'drain/s',
            'drain vs steady A / B',
            'API p50 / p99 in drain',
            'server RSS peak A / build / wait / drain / after',
            'B VmHWM at drain end',
          ],
          [
            [
              fmt(written),
              `${fmt(steadyBefore.rate)} / ${fmt(steadyAfter.rate)}`,
              fmt(drainRate),
              `${fmt(drainRate / steadyBefore.rate, 2)} / ${fmt(drainRate / steadyAfter.rate, 2)}`,
              `${ms(api.p50)} / ${ms(api.p99)} (${fmt(api.count)})`,
              [peakA, ...['build', 'wait', 'drain', 'after'].map((p) => rss?.peak(p) ?? NaN)]
                .map((mb) => fmt(mb))
                .join(' / ') + ' MB',
              `${fmt(hwm)} MB`,
            ],
          ],
        ),
      );
    } finally {
      rss.stop();
      await b.close();
    }
  } finally {
    rss?.stop();
    await rcv.stop();
  }
}
