/**
 * Delivery under load (issue 16), in one run, every figure against a baseline of the same run:
 *
 *   slow receivers  the receiver sleeps 20 ms and 100 ms before answering; the outbox (Omnihook in
 *                   this process, delivery on its own thread, a custom endpoint) at the default
 *                   per-endpoint concurrency (10) and raised (64), against BullMQ (Redis on 6379)
 *                   with a Worker of the same concurrency: deliveries/s and p99, ratio outbox/BullMQ
 *   backlog         `--backlog N` events are written while the receiver is down (the endpoint
 *                   paused, as the breaker pauses it for a receiver that fails), then it comes back
 *                   and the backlog drains: RSS sampled every 200 ms throughout, drain rate against
 *                   the steady (saturated) rate measured just before, and the API's p99
 *                   (sendAsVisitor at 100/s) during the drain. Omnihook runs IN this process, so
 *                   its RSS is the whole bench's (producers, receiver client): not in the default set
 *
 *   backlog-server  the same on a server alone (bench/lib/backlog-server.ts): Omnihook in a child
 *                   process, VmRSS of that child sampled every 200 ms; the backlog written by a
 *                   seeding child with the product's code (`--builder seed`, default) or POSTed to
 *                   the server (`--builder api`); steady rate before (server A) and after (server
 *                   B, the one that drained); the API's p99 (POST livechat/message at 100/s) in the drain
 *
 *   saturation      a server alone under as many POST livechat/message as it answers (`--clients`
 *                   outstanding, closed loop, bench/lib/saturation.ts): API req/s, deliveries/s, the
 *                   backlog sampled over time with its slope over the last half (growing or flat),
 *                   event-to-receipt p50/p99
 *
 *   steady          1,000 events/s paced for `--duration` s, alone and while 500 visitor updates/s
 *                   (other API traffic, no webhook) run beside it: event-to-receipt p50/p99
 *
 *   pg              PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test,
 *                   a fresh schema per row): POST livechat/message to 1 and then 2 server processes
 *                   on one schema, each with its delivery thread: deliveries/s and p99
 *
 *   node --import tsx bench/delivery-load.ts [--duration 4] [--backlog 30000] [--builder seed|api]
 *     [--clients 48] [--drain-timeout s] [--only slow,backlog-server,saturation,steady,pg,backlog]
 *   (the default --only is every row but `backlog`; --drain-timeout defaults to 240 s, more for a
 *   backlog above 120,000: 2 ms an event)
 *
 * Exit code 1 when a check fails (events lost or duplicated, a room's events out of order).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { pino } from 'pino';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { startReceiver } from './lib/receiver.ts';
import { bullSender, redisUp } from './lib/bullmq.ts';
import type { Receiver } from './lib/receiver.ts';
import { paced } from './lib/load.ts';
import { measureSaturated } from './lib/saturated.ts';
import type { SaturatedRow } from './lib/saturated.ts';
import { backlogServerRow } from './lib/backlog-server.ts';
import { saturationRow } from './lib/saturation.ts';
import { Api, postVisitorMessage } from './lib/api.ts';
import type { BenchRoom } from './lib/api.ts';
import { startOmnihook } from './lib/omnihook.ts';
import type { Child } from './lib/child.ts';
import { positiveOption, fmt, messageText, ms, nowMs, sleep, summarize, table } from './lib/stats.ts';
import type { Store } from '../src/store/open.ts';
import type { Services } from '../src/services/container.ts';
import { startDelivery } from '../src/main.ts';
import { agentAndRooms, openInProcess } from './lib/inprocess.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '4' },
    backlog: { type: 'string', default: '30000' },
    producers: { type: 'string', default: '16' },
    cap: { type: 'string', default: '256' },
    rooms: { type: 'string', default: '256' },
    'drain-timeout': { type: 'string' },
    builder: { type: 'string', default: 'seed' },
    clients: { type: 'string', default: '48' },
    only: { type: 'string', default: 'slow,backlog-server,saturation,steady,pg' },
  },
  // npm run bench passes its extra arguments to every benchmark: ignore the ones meant for others
  strict: false,
});
const DURATION_MS = positiveOption('duration', args.duration) * 1000;
const BACKLOG = positiveOption('backlog', args.backlog);
const PRODUCERS = positiveOption('producers', args.producers);
const CAP = positiveOption('cap', args.cap);
const ROOMS = positiveOption('rooms', args.rooms);
// a 1,000,000 backlog drains for minutes: the bound grows with it
const DRAIN_MS =
  args['drain-timeout'] !== undefined
    ? positiveOption('drain-timeout', args['drain-timeout']) * 1000
    : Math.max(240_000, BACKLOG * 2);
if (args.builder !== 'seed' && args.builder !== 'api') {
  process.stderr.write(`--builder must be seed or api, got ${JSON.stringify(args.builder)}\n`);
  process.exit(2);
}
const BUILDER: 'seed' | 'api' = args.builder;
const CLIENTS = positiveOption('clients', args.clients);
const ONLY = new Set(String(args.only).split(','));
const DEFAULT_CONCURRENCY = 10;
const RAISED_CONCURRENCY = 64;
const REDIS = { host: '127.0.0.1', port: 6379 };
const problems: string[] = [];

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

interface Omnihook {
  s: Services;
  store: Store;
  rooms: BenchRoom[];
  endpointId: string;
  send(i: number): Promise<void>;
  close(): Promise<void>;
}

/** Omnihook in this process as main.ts starts it, one custom endpoint to the receiver for Message events. */
async function omnihook(dir: string, name: string, rcv: Receiver, concurrency: number): Promise<Omnihook> {
  const { s, store } = await openInProcess(`sqlite:${join(dir, `${name}.db`)}`);
  const { endpoint } = await s.endpoints.create({
    url: rcv.url,
    events: ['Message'],
    description: 'bench',
    maxConcurrency: concurrency,
  });
  const rooms = await agentAndRooms(s, ROOMS);
  const worker = startDelivery(s, pino({ level: 'error' }) as unknown as FastifyBaseLogger);
  const send = async (i: number) => {
    const room = rooms[i % rooms.length]!;
    await s.livechat.messages.sendAsVisitor({ token: room.token, rid: room.rid, msg: messageText(i) });
  };
  // the delivery thread takes a moment to start: measure from its first delivery on
  await rcv.reset();
  await send(9_000_000);
  if ((await rcv.waitFor(1, 60_000)) < 1) problems.push(`${name}: the delivery engine delivered nothing in 60 s`);
  return {
    s,
    store,
    rooms,
    endpointId: endpoint._id,
    send,
    close: async () => {
      await worker.stop();
      s.settings.stop();
      await store.close();
    },
  };
}

type Row = SaturatedRow;
const SATURATED = { durationMs: DURATION_MS, producers: PRODUCERS, cap: CAP, drainMs: DRAIN_MS, problems, log };

/** Saturated for DURATION_MS with at most CAP outstanding, then drained: deliveries/s and latency. */
function saturated(system: string, rcv: Receiver, produce: (i: number) => Promise<void>): Promise<Row> {
  return measureSaturated(system, rcv, produce, SATURATED);
}

async function bullmqRow(rcv: Receiver, concurrency: number, label: string): Promise<Row | undefined> {
  if (!(await redisUp(REDIS))) {
    log(`  ${label}: skipped, Redis not reachable at ${REDIS.host}:${REDIS.port}`);
    return undefined;
  }
  const bull = await bullSender({
    name: `omnihook-load-${process.pid}-${concurrency}-${Date.now()}`,
    receiverUrl: rcv.url,
    redis: REDIS,
    concurrency,
  });
  try {
    return await saturated(label, rcv, async (i) => {
      const t0 = nowMs();
      const body = JSON.stringify({
        _id: `room-${i % ROOMS}`,
        type: 'Message',
        messages: [{ _id: `m${i}`, msg: messageText(i, t0), ts: new Date(t0).toISOString() }],
        pad: 'x'.repeat(600),
      });
      await bull.add(body);
    });
  } finally {
    await bull.close();
  }
}

async function slowReceivers(dir: string): Promise<void> {
  log(
    `\nslow receivers: ${DURATION_MS / 1000} s saturated per row, ${PRODUCERS} producers, at most ${CAP} outstanding`,
  );
  const rows: { delay: number; concurrency: number; outbox: Row; bull?: Row }[] = [];
  for (const delay of [20, 100]) {
    const rcv = await startReceiver({ delayMs: delay });
    try {
      for (const concurrency of [DEFAULT_CONCURRENCY, RAISED_CONCURRENCY]) {
        const o = await omnihook(dir, `slow-${delay}-${concurrency}`, rcv, concurrency);
        let outbox: Row;
        try {
          outbox = await saturated(`outbox, receiver ${delay} ms, concurrency ${concurrency}`, rcv, o.send);
        } finally {
          await o.close();
        }
        const bull = await bullmqRow(rcv, concurrency, `bullmq, receiver ${delay} ms, concurrency ${concurrency}`);
        rows.push({ delay, concurrency, outbox, bull });
      }
    } finally {
      await rcv.stop();
    }
  }
  log('');
  log(
    table(
      [
        'receiver',
        'concurrency',
        'outbox/s',
        'outbox p99',
        'bullmq/s',
        'bullmq p99',
        'outbox vs bullmq',
        'outbox vs ideal',
      ],
      rows.map((r) => [
        `${r.delay} ms`,
        String(r.concurrency),
        fmt(r.outbox.rate),
        ms(r.outbox.p99),
        r.bull ? fmt(r.bull.rate) : 'n/a',
        r.bull ? ms(r.bull.p99) : 'n/a',
        r.bull ? `${fmt(r.outbox.rate / r.bull.rate, 2)}x` : 'n/a',
        // concurrency / delay: what a sender that only waits on the receiver could reach
        fmt(r.outbox.rate / ((r.concurrency * 1000) / r.delay), 2),
      ]),
    ),
  );
}

async function backlog(dir: string): Promise<void> {
  log(`\nbacklog: ${fmt(BACKLOG)} events written while the receiver is down, then drained`);
  const rcv = await startReceiver();
  const rss: { phase: string; mb: number }[] = [];
  let phase = 'steady';
  const sampler = setInterval(() => rss.push({ phase, mb: process.memoryUsage().rss / 1048576 }), 200);
  const o = await omnihook(dir, 'backlog', rcv, RAISED_CONCURRENCY);
  try {
    const steady = await saturated('steady (saturated, concurrency 64)', rcv, o.send);
    // the receiver goes down: the endpoint is paused, as the breaker pauses a failing one
    phase = 'build';
    await o.s.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() + 3_600_000 })
      .where('_id', '=', o.endpointId)
      .execute();
    await sleep(600); // the engine re-reads endpoint limits every poll
    await rcv.reset();
    const buildStart = nowMs();
    let next = 0;
    let written = 0;
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        while (next < BACKLOG) {
          const i = next++;
          await o.send(1_000_000 + i);
          written++;
        }
      }),
    );
    const buildMs = nowMs() - buildStart;
    const early = (await rcv.stats()).count;
    log(
      `  built ${fmt(written)} in ${fmt(buildMs / 1000, 1)} s (${fmt(written / (buildMs / 1000))}/s), ${early} sent meanwhile`,
    );

    // the receiver is back: the breaker's pause ends
    phase = 'drain';
    const drainStart = nowMs();
    await o.s.db.updateTable('endpoints').set({ paused_until: null }).where('_id', '=', o.endpointId).execute();
    const apiLatency: number[] = [];
    let done = false;
    let apiSent = 0;
    const api = (async () => {
      while (!done) {
        const r = await paced({
          rate: 100,
          durationMs: 1000,
          produce: async (i) => {
            const t = nowMs();
            await o.send(3_000_000 + apiSent + i);
            apiLatency.push(nowMs() - t);
          },
        });
        apiSent += r.produced;
      }
    })();
    const target = written;
    const end = Date.now() + DRAIN_MS;
    while (rcv.received() < target && Date.now() < end) await sleep(50);
    const drainMs = nowMs() - drainStart;
    done = true;
    await api;
    await rcv.waitFor(written + apiSent, 30_000);
    await sleep(100);
    const st = await rcv.stats();
    if (st.count < written + apiSent) problems.push(`backlog: ${written + apiSent - st.count} events not received`);
    if (st.uniqueIds < st.count) problems.push(`backlog: ${st.count - st.uniqueIds} duplicate webhook-ids`);
    if (st.outOfOrder > 0) problems.push(`backlog: ${st.outOfOrder} events out of room order`);
    const drainRate = written / (drainMs / 1000);
    const api99 = summarize(apiLatency);
    const peak = (p: string) => Math.max(0, ...rss.filter((r) => r.phase === p).map((r) => r.mb));
    log('');
    log(
      table(
        [
          'backlog',
          'steady/s',
          'drain/s',
          'drain vs steady',
          'API p50 / p99 in drain',
          'RSS peak steady / build / drain',
        ],
        [
          [
            fmt(written),
            fmt(steady.rate),
            fmt(drainRate),
            fmt(drainRate / steady.rate, 2),
            `${ms(api99.p50)} / ${ms(api99.p99)}`,
            `${fmt(peak('steady'))} / ${fmt(peak('build'))} / ${fmt(peak('drain'))} MB`,
          ],
        ],
      ),
    );
  } finally {
    clearInterval(sampler);
    await o.close();
    await rcv.stop();
  }
}

/**
 * Steady 1,000 events/s (sendAsVisitor, paced) while the API also serves other traffic: visitors
 * updating their data at 500/s on other visitors (a write with its contact sync, no webhook),
 * event-to-receipt p50/p99 at the receiver, against the same rate without the other traffic.
 */
async function steadyWithTraffic(dir: string): Promise<void> {
  const RATE = 1000;
  log(`\nsteady: ${RATE} events/s for ${DURATION_MS / 1000} s, alone and with 500 visitor updates/s beside it`);
  const rcv = await startReceiver();
  const o = await omnihook(dir, 'steady', rcv, RAISED_CONCURRENCY);
  const rows: string[][] = [];
  try {
    let base = 5_000_000;
    // warm-up, not measured: the first second at this rate after start-up is the JIT's, not the design's
    const warm = await paced({ rate: RATE, durationMs: 2000, produce: (i) => o.send(base + i) });
    await rcv.waitFor(warm.produced + 1, DRAIN_MS);
    base += warm.produced + 1000;
    for (const other of [false, true]) {
      await rcv.reset();
      let stop = false;
      const otherLatency: number[] = [];
      const traffic = other
        ? (async () => {
            let n = 0;
            while (!stop) {
              await paced({
                rate: 500,
                durationMs: 500,
                produce: async () => {
                  const k = n++ % ROOMS;
                  const t = nowMs();
                  await o.s.livechat.visitors.register(
                    { token: `bench-other-${k}`, name: `Other ${k}`, email: `other-${k}@example.com` },
                    {},
                  );
                  otherLatency.push(nowMs() - t);
                },
              });
            }
          })()
        : Promise.resolve();
      const res = await paced({ rate: RATE, durationMs: DURATION_MS, produce: (i) => o.send(base + i) });
      stop = true;
      await traffic;
      base += res.produced + 1000;
      const got = await rcv.waitFor(res.produced, DRAIN_MS);
      await sleep(50);
      const st = await rcv.stats();
      const label = other ? 'with other traffic' : 'alone';
      if (got < res.produced) problems.push(`steady ${label}: ${res.produced - got} events not received`);
      if (res.errors > 0) problems.push(`steady ${label}: ${res.errors} producer errors, first: ${res.firstError}`);
      if (st.uniqueIds < st.count) problems.push(`steady ${label}: duplicate webhook-ids`);
      const rate = res.produced / ((res.endedAt - res.startedAt) / 1000);
      const o99 = otherLatency.length ? summarize(otherLatency) : undefined;
      rows.push([
        label,
        fmt(rate),
        ms(st.latency.p50),
        ms(st.latency.p99),
        o99 ? `${fmt(otherLatency.length)}, p99 ${ms(o99.p99)}` : 'none',
      ]);
    }
  } finally {
    await o.close();
    await rcv.stop();
  }
  log('');
  log(table(['load', 'events/s offered', 'event->receipt p50', 'p99 (target 20 ms)', 'other requests'], rows));
}

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * PostgreSQL mode: the HTTP path (POST livechat/message) against 1 and then 2 Omnihook server
 * processes on one fresh schema, each with its delivery thread, producers spread over the
 * processes by room; deliveries/s and p99 at the receiver. Skipped when PostgreSQL does not answer.
 */
async function postgresRows(): Promise<void> {
  log(`\npostgres: POST livechat/message, ${DURATION_MS / 1000} s saturated, 1 and 2 server processes on one schema`);
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    log(`  skipped: PostgreSQL not reachable at ${PG_URL}`);
    return;
  }
  const rows: string[][] = [];
  const rates: number[] = [];
  const rcv = await startReceiver();
  try {
    for (const processes of [1, 2]) {
      const schema = `bench_${process.pid}_${processes}`;
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`CREATE SCHEMA ${schema}`);
      const u = new URL(PG_URL);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const children: Child[] = [];
      const pools: Pool[] = [];
      try {
        // one after the other: the first migrates and creates the admin
        for (let k = 0; k < processes; k++) {
          children.push(
            await startOmnihook(`omnihook-pg-${k}`, '', {
              DATABASE_URL: u.toString(),
              EGRESS_ALLOWLIST: '127.0.0.1/32',
            }),
          );
        }
        const origins = children.map((c) => `http://127.0.0.1:${c.port}`);
        const api = new Api(origins[0]!);
        await api.loginAdmin();
        await api.availableAgent();
        await api.setting('Livechat_webhookUrl', rcv.url);
        await api.setting('Livechat_webhook_on_visitor_message', true);
        const rooms = await api.visitorsWithRooms(ROOMS, 'bench-pg');
        await api.close();
        for (const o of origins) pools.push(new Pool(o, { connections: PRODUCERS }));
        const post = async (i: number) => {
          const room = rooms[i % rooms.length]!;
          await postVisitorMessage(pools[i % pools.length]!, room, i);
        };
        // every process's delivery thread must be running before the clock starts: 2 s at 50/s each
        await rcv.reset();
        const warm = await paced({ rate: 50 * processes, durationMs: 2000, produce: (i) => post(8_000_000 + i) });
        await rcv.waitFor(warm.produced, 60_000);
        const row = await saturated(`postgres, ${processes} process${processes > 1 ? 'es' : ''}`, rcv, post);
        rows.push([String(processes), fmt(row.rate), ms(row.p50), ms(row.p99)]);
        rates.push(row.rate);
      } finally {
        for (const p of pools) await p.close();
        for (const c of children) await c.stop();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      }
    }
  } finally {
    await rcv.stop();
    await admin.end().catch(() => undefined);
  }
  log('');
  log(table(['server processes', 'deliveries/s', 'p50', 'p99'], rows));
  if (rates.length === 2)
    log(
      `2 processes vs 1: ${fmt(rates[1]! / rates[0]!, 2)}x (2 cores: the second process shares them with the first, the receiver and the producers)`,
    );
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-load-'));
  log(`delivery-load: node ${process.version}, data in ${dir}`);
  try {
    if (ONLY.has('slow')) await slowReceivers(dir);
    if (ONLY.has('backlog-server'))
      await backlogServerRow({ ...SATURATED, dir, backlog: BACKLOG, builder: BUILDER, rooms: ROOMS });
    if (ONLY.has('saturation'))
      await saturationRow({
        dir,
        durationMs: DURATION_MS,
        clients: CLIENTS,
        rooms: ROOMS,
        drainMs: DRAIN_MS,
        problems,
        log,
      });
    if (ONLY.has('backlog')) await backlog(dir);
    if (ONLY.has('steady')) await steadyWithTraffic(dir);
    if (ONLY.has('pg')) await postgresRows();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log('');
  for (const p of problems) log(`CHECK FAILED: ${p}`);
  if (problems.length === 0) log('all checks passed');
  log(`total time ${fmt((Date.now() - t0) / 1000, 1)} s`);
  return problems.length === 0 ? 0 : 1;
}

process.exit(await main());
