/**
 * Endpoint isolation: what a dead endpoint (every request times out) costs a healthy one.
 * Issue 4: "a dead endpoint costs a healthy endpoint at most 10 % of its throughput".
 *
 * One process, like system (c) of bench/delivery.ts: Omnihook's services on a SQLite WAL file and
 * the delivery worker (`startWorker` from src/delivery/start.ts, default options) in-process,
 * EGRESS_ALLOWLIST=127.0.0.1/32. Two custom endpoints made with services.endpoints.create, both
 * subscribed to LivechatOfflineMessage with ordering 'none':
 *   healthy  -> bench/servers/receiver.ts (own process, answers 200 `{}` at once)
 *   dead     -> a receiver in its own process (this file, role dead-receiver) that accepts every
 *               connection and request and never answers; timeoutMs 1000 and a retry list of
 *               short delays, so it is retried as soon as the worker lets it.
 * Producers call services.livechat.offlineMessage(...) (the offline form's service call) at
 * saturation: at most `cap` events produced but not yet received by the healthy receiver.
 *
 * Phases, alternated (the machine is noisy), best of each kept, in pairs (issue 4, then issue 12):
 *   baseline          the second endpoint is a live twin receiver: one healthy, one twin delivery
 *   contended         the second endpoint is the dead receiver (enabling it also resets its breaker)
 *   webhooks          visitor messages in `rooms` rooms; the Webhooks-page URL (built-in endpoint:
 *                     per-room order, max_concurrency 64, Livechat_http_timeout 5 s, retries 10 s
 *                     apart) points at the twin
 *   webhooks-hanging  the same, the Webhooks-page URL pointing at the dead receiver: each room's head
 *                     hangs, every later message of the room waits behind it
 *   wide              offline messages; a custom endpoint with maxConcurrency 100 and the default
 *                     10 s timeout points at the twin
 *   wide-hanging      the same endpoint pointing at the dead receiver
 * In every phase the healthy endpoint gets every event (it subscribes to offline messages and to
 * messages, ordering 'none'); after a hanging phase the dead receiver drops its connections, so the
 * requests still hanging fail at once and the next phase starts with free slots.
 * healthy deliveries/s = receipts at the healthy receiver / (last receipt - first production).
 * While producing, the deliveries leased per endpoint (status pending, lease_owner set) are
 * sampled every `sample-ms`: the slots the dead endpoint held (capped by its max_concurrency, then
 * by the circuit breaker's pause after 5 consecutive failures).
 * Target: best contended / best baseline >= 0.90.
 *
 *   node --import tsx bench/isolation.ts [--duration 8] [--rounds 2] [--producers 16] [--cap 256]
 *     [--dead-timeout 1000] [--sample-ms 50] [--rooms 256]
 *     [--only baseline,contended,webhooks,webhooks-hanging,wide,wide-hanging]
 *
 * Exit code 1 when a check fails: healthy events lost or duplicated, the store's succeeded
 * deliveries of the healthy endpoint differ from the receipts, or the worker does not deliver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { pino } from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { startReceiver } from './lib/receiver.ts';
import type { Receiver, ReceiverStats } from './lib/receiver.ts';
import { spawnChild, childReady } from './lib/child.ts';
import type { Child, ChildMessage } from './lib/child.ts';
import { saturate } from './lib/load.ts';
import type { ProduceResult } from './lib/load.ts';
import { fmt, messageText, ms, sleep, table } from './lib/stats.ts';
import type { Services } from '../src/services/container.ts';
import { startWorker } from '../src/delivery/start.ts';
import { buildWorkerDeps } from '../src/main.ts';
import { agentAndRooms, openInProcess } from './lib/inprocess.ts';
import type { Store } from '../src/store/open.ts';

const ROLE_ENV = 'OMNIHOOK_BENCH_ISOLATION_ROLE';

/** The dead receiver: accepts connections, reads requests, never answers (the client times out). */
function deadReceiver(): void {
  let requests = 0;
  let open = 0;
  let maxOpen = 0;
  const server = createServer((req) => {
    requests++;
    open++;
    maxOpen = Math.max(maxOpen, open);
    req.resume(); // read the body, then say nothing
    req.socket.once('close', () => open--);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (sock) => {
    sockets.add(sock);
    sock.once('close', () => sockets.delete(sock));
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 30_000;
  process.on('message', (raw) => {
    const msg = raw as { cmd?: string };
    if (msg.cmd === 'stats') process.send?.({ type: 'stats', requests, open, maxOpen });
    if (msg.cmd === 'drop') {
      // end of a hanging phase: the requests still waiting fail at once (a reset)
      for (const sock of sockets) sock.destroy();
      process.send?.({ type: 'drop-ok' });
    }
    if (msg.cmd === 'reset') {
      requests = 0;
      maxOpen = open;
      process.send?.({ type: 'reset-ok' });
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    childReady(
      typeof addr === 'object' && addr ? addr.port : 0,
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
  });
}

interface DeadStats extends ChildMessage {
  requests: number;
  open: number;
  maxOpen: number;
}

function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const PHASES = ['baseline', 'contended', 'webhooks', 'webhooks-hanging', 'wide', 'wide-hanging'] as const;
type PhaseKind = (typeof PHASES)[number];
/** Each pair: the second endpoint live, then hanging. */
const PAIRS: [PhaseKind, PhaseKind][] = [
  ['baseline', 'contended'],
  ['webhooks', 'webhooks-hanging'],
  ['wide', 'wide-hanging'],
];
const hanging = (k: PhaseKind) => k === 'contended' || k.endsWith('-hanging');

interface Phase {
  kind: PhaseKind;
  round: number;
  produce: ProduceResult;
  stats: ReceiverStats;
  rate: number;
  drainMs: number;
  samples: number;
  deadSlotsAvg: number;
  deadSlotsMax: number;
  healthySlotsAvg: number;
  healthySlotsMax: number;
  inFlightAvg: number;
  deadAttempts: number;
  deadRequests: number;
  deadMaxOpen: number;
  deadFailures: number;
  deadPausedForMs: number;
  /** Time (ms) during which the dead endpoint held slots, and healthy receipts meanwhile. */
  heldMs: number;
  heldRate: number;
  problems: string[];
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: {
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '2' },
      producers: { type: 'string', default: '16' },
      cap: { type: 'string', default: '256' },
      'dead-timeout': { type: 'string', default: '1000' },
      'sample-ms': { type: 'string', default: '50' },
      'drain-timeout': { type: 'string', default: '15' },
      only: { type: 'string', default: PHASES.join(',') },
      // the webhooks phases' rooms (also accepted from `npm run bench -- --rooms N`)
      rooms: { type: 'string', default: '256' },
    },
  });
  const DURATION_MS = Number(args.duration) * 1000;
  const ROUNDS = Number(args.rounds);
  const PRODUCERS = Number(args.producers);
  const CAP = Number(args.cap);
  const DEAD_TIMEOUT_MS = Number(args['dead-timeout']);
  const SAMPLE_MS = Number(args['sample-ms']);
  const DRAIN_MS = Number(args['drain-timeout']) * 1000;
  const ONLY = new Set(args.only.split(',').map((x) => x.trim()));
  const ROOMS = Number(args.rooms);
  const DEAD_RETRY = { kind: 'list', delaysMs: [100, 200, 300, 500, 500, 500, 500, 500, 500, 500] };

  // Everything below is bounded; this only guards against a hang (children exit with us).
  const watchdog = setTimeout(() => {
    process.stderr.write('isolation: still running after 600 s, giving up\n');
    process.exit(2);
  }, 600_000);
  watchdog.unref();

  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-isolation-'));
  let rcv: Receiver | undefined;
  let twin: Receiver | undefined;
  let dead: Child | undefined;
  let services: Services | undefined;
  let worker: ReturnType<typeof startWorker> | undefined;
  let store: Store | undefined;
  const phases: Phase[] = [];
  const problems: string[] = [];
  let healthyMaxConcurrency = 0;
  let deadMaxConcurrency = 0;
  try {
    rcv = await startReceiver();
    twin = await startReceiver();
    dead = await spawnChild('dead-receiver', fileURLToPath(import.meta.url), { env: { [ROLE_ENV]: 'dead-receiver' } });
    const deadUrl = `http://127.0.0.1:${dead.port}/hook`;
    const dbPath = join(dir, 'isolation.db');
    const opened = await openInProcess(`sqlite:${dbPath}`);
    ({ s: services, store } = opened);
    const s = opened.s;
    const healthy = (
      await s.endpoints.create({
        url: rcv.url,
        events: ['LivechatOfflineMessage', 'Message'],
        ordering: 'none',
        description: 'bench healthy',
      })
    ).endpoint;
    const deadEp = (
      await s.endpoints.create({
        url: deadUrl,
        events: ['LivechatOfflineMessage'],
        ordering: 'none',
        description: 'bench dead',
        timeoutMs: DEAD_TIMEOUT_MS,
        retry: DEAD_RETRY,
        enabled: false,
      })
    ).endpoint;
    const wideEp = (
      await s.endpoints.create({
        url: deadUrl,
        events: ['LivechatOfflineMessage'],
        ordering: 'none',
        description: 'bench wide (maxConcurrency 100)',
        maxConcurrency: 100,
        enabled: false,
      })
    ).endpoint;
    // the Webhooks page: visitor messages only, no URL until a webhooks phase sets one
    await s.settings.set('Livechat_webhook_on_visitor_message', true);
    const rooms = await agentAndRooms(s, ROOMS);
    healthyMaxConcurrency = healthy.maxConcurrency;
    deadMaxConcurrency = deadEp.maxConcurrency;
    log(
      `isolation: ${DURATION_MS / 1000} s saturated per phase, ${ROUNDS} x (baseline, contended); ${PRODUCERS} producers, at most ${CAP} ` +
        `outstanding; healthy ${rcv.url} (max_concurrency ${healthy.maxConcurrency}, timeout ${healthy.timeoutMs} ms); dead ${deadUrl} ` +
        `(max_concurrency ${deadEp.maxConcurrency}, timeout ${deadEp.timeoutMs} ms, retry ${JSON.stringify(DEAD_RETRY.delaysMs)}); ` +
        `worker defaults (64 in flight, poll 250 ms); node ${process.version}`,
    );

    const logger = pino({ level: 'error' }) as unknown as FastifyBaseLogger;
    worker = startWorker(buildWorkerDeps(s, logger));
    const w = worker.worker;
    const produceOffline = (i: number) =>
      s.livechat.offlineMessage({ name: 'Bench Visitor', email: 'bench-visitor@example.com', message: messageText(i) });
    const produceMessage = async (i: number) => {
      const room = rooms[i % rooms.length]!;
      await s.livechat.messages.sendAsVisitor({ token: room.token, rid: room.rid, msg: messageText(i) });
    };
    const produce = produceOffline;
    /** The second endpoint of a phase: its id, and how to point it at a URL or switch it off. */
    const second = (kind: PhaseKind) => {
      if (kind.startsWith('webhooks'))
        return {
          id: 'rocketchat',
          on: (url: string) => s.settings.set('Livechat_webhookUrl', url),
          off: () => s.settings.set('Livechat_webhookUrl', ''),
        };
      const ep = kind.startsWith('wide') ? wideEp : deadEp;
      return {
        id: ep._id,
        on: (url: string) => s.endpoints.update(ep._id, { enabled: true, url }), // also resets its breaker
        off: () => s.endpoints.update(ep._id, { enabled: false }),
      };
    };

    // Smoke test: one event must reach the healthy receiver.
    await rcv.reset();
    await produce(0);
    if ((await rcv.waitFor(1, 10_000)) < 1) {
      log('DELIVERY WORKER NOT USABLE: it did not deliver a single event to the healthy endpoint within 10 s');
      return 1;
    }
    let receivedTotal = 1;
    let offset = 1;

    let otherId = deadEp._id;
    const leased = async (now: number) => {
      const res = await sql<{ endpoint_id: string; n: number }>`
        SELECT endpoint_id, COUNT(*) AS n FROM deliveries
        WHERE status = 'pending' AND endpoint_id IN (${healthy._id}, ${otherId})
          AND lease_until > ${now} AND lease_owner IS NOT NULL
        GROUP BY endpoint_id`.execute(s.db);
      const by = new Map(res.rows.map((r) => [r.endpoint_id, Number(r.n)]));
      return { healthy: by.get(healthy._id) ?? 0, dead: by.get(otherId) ?? 0 };
    };

    const runPhase = async (kind: PhaseKind, round: number): Promise<Phase> => {
      await rcv!.reset();
      await dead!.request({ cmd: 'reset' }, 'reset-ok');
      const phaseStart = s.now();
      // Both phases deliver every event to TWO endpoints, so the write cost is the same: in the
      // baseline the second endpoint is a live twin receiver, in the contended phase it is dead.
      // The ratio then measures what a dead endpoint costs compared with a live one.
      // Enabling wakes the worker at once: its backlog of due dead deliveries is claimed right away.
      const other = second(kind);
      otherId = other.id;
      await other.on(hanging(kind) ? deadUrl : twin!.url);
      let sampling = true;
      const acc = { n: 0, dead: 0, deadMax: 0, healthy: 0, healthyMax: 0, inFlight: 0, heldMs: 0, heldReceived: 0 };
      const sampler = (async () => {
        let prevAt = performance.now();
        let prevReceived = rcv!.received();
        let prevDead = 0;
        while (sampling) {
          const l = await leased(s.now());
          // healthy receipts in the interval that just ended, attributed to "dead held slots" when
          // the dead endpoint held any at its start or end
          const at = performance.now();
          const received = rcv!.received();
          if (acc.n > 0 && (l.dead > 0 || prevDead > 0)) {
            acc.heldMs += at - prevAt;
            acc.heldReceived += received - prevReceived;
          }
          prevAt = at;
          prevReceived = received;
          prevDead = l.dead;
          acc.n++;
          acc.dead += l.dead;
          acc.deadMax = Math.max(acc.deadMax, l.dead);
          acc.healthy += l.healthy;
          acc.healthyMax = Math.max(acc.healthyMax, l.healthy);
          acc.inFlight += w.inFlightCount;
          await sleep(SAMPLE_MS);
        }
      })();
      const base = offset;
      const res = await saturate({
        durationMs: DURATION_MS,
        producers: PRODUCERS,
        cap: CAP,
        received: rcv!.received,
        produce: (i) => (kind.startsWith('webhooks') ? produceMessage(base + i) : produceOffline(base + i)),
      });
      sampling = false;
      await sampler;
      offset += res.produced + res.errors + 1000;
      const drainStart = Date.now();
      const got = await rcv!.waitFor(res.produced, DRAIN_MS);
      const drainMs = Date.now() - drainStart;
      await sleep(50);
      const stats = await rcv!.stats();
      receivedTotal += stats.count;
      const p: string[] = [];
      if (got < res.produced)
        p.push(
          `${kind} ${round}: ${res.produced - stats.count} of ${res.produced} healthy events not received within ${DRAIN_MS} ms`,
        );
      if (res.errors > 0) p.push(`${kind} ${round}: ${res.errors} producer errors, first: ${res.firstError}`);
      if (stats.count !== stats.uniqueIds)
        p.push(`${kind} ${round}: ${stats.count - stats.uniqueIds} duplicate webhook-ids at the healthy receiver`);
      const deadAttempts = Number(
        (
          await sql<{
            n: number;
          }>`SELECT COUNT(*) AS n FROM attempts WHERE endpoint_id = ${otherId} AND started_at >= ${phaseStart}`.execute(
            s.db,
          )
        ).rows[0]?.n ?? 0,
      );
      const ep = await s.db
        .selectFrom('endpoints')
        .select(['consecutive_failures', 'paused_until'])
        .where('_id', '=', otherId)
        .executeTakeFirstOrThrow();
      const ds = await dead!.request<DeadStats>({ cmd: 'stats' }, 'stats');
      await other.off();
      if (hanging(kind)) {
        // End the requests still hanging, so the next phase starts with free slots.
        await dead!.request({ cmd: 'drop' }, 'drop-ok');
        const end = Date.now() + DEAD_TIMEOUT_MS + 5000;
        while ((await leased(s.now())).dead > 0 && Date.now() < end) await sleep(50);
      }
      const n = Math.max(1, acc.n);
      const phase: Phase = {
        kind,
        round,
        produce: res,
        stats,
        rate: stats.count / ((stats.lastAt - res.startedAt) / 1000),
        drainMs,
        samples: acc.n,
        deadSlotsAvg: acc.dead / n,
        deadSlotsMax: acc.deadMax,
        healthySlotsAvg: acc.healthy / n,
        healthySlotsMax: acc.healthyMax,
        inFlightAvg: acc.inFlight / n,
        deadAttempts,
        deadRequests: ds.requests,
        deadMaxOpen: ds.maxOpen,
        deadFailures: Number(ep.consecutive_failures),
        deadPausedForMs: ep.paused_until === null ? 0 : Math.max(0, Number(ep.paused_until) - s.now()),
        heldMs: acc.heldMs,
        heldRate: acc.heldMs > 0 ? acc.heldReceived / (acc.heldMs / 1000) : NaN,
        problems: p,
      };
      log(
        `  ${kind.padEnd(9)} #${round}: produced ${fmt(res.produced)}, healthy received ${fmt(stats.count)} -> ${fmt(phase.rate)} deliveries/s ` +
          `(p50 ${ms(stats.latency.p50)}, p99 ${ms(stats.latency.p99)}, drain ${fmt(drainMs)} ms); slots held avg/max: healthy ` +
          `${phase.healthySlotsAvg.toFixed(2)}/${phase.healthySlotsMax}, dead ${phase.deadSlotsAvg.toFixed(2)}/${phase.deadSlotsMax}` +
          (hanging(kind)
            ? `; dead: ${deadAttempts} attempts, ${ds.requests} requests received, held slots for ${fmt(acc.heldMs)} ms ` +
              `(healthy ${fmt(phase.heldRate)}/s meanwhile), breaker ${phase.deadFailures} failures, paused ${fmt(phase.deadPausedForMs / 1000, 1)} s more`
            : ''),
      );
      return phase;
    };

    for (let r = 1; r <= ROUNDS; r++) {
      for (const k of PHASES) if (ONLY.has(k)) phases.push(await runPhase(k, r));
    }
    for (const ph of phases) problems.push(...ph.problems);

    await worker.stop();
    worker = undefined;
    const succeeded = Number(
      (
        await sql<{
          n: number;
        }>`SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_id = ${healthy._id} AND status = 'succeeded'`.execute(
          s.db,
        )
      ).rows[0]?.n ?? 0,
    );
    const deadRows = await sql<{ status: string; n: number }>`
      SELECT status, COUNT(*) AS n FROM deliveries WHERE endpoint_id = ${deadEp._id} GROUP BY status`.execute(s.db);
    if (succeeded !== receivedTotal)
      problems.push(`healthy receiver counted ${receivedTotal}, store says ${succeeded} succeeded deliveries`);
    log(
      `  store: healthy endpoint ${fmt(succeeded)} succeeded deliveries (receiver ${fmt(receivedTotal)}); dead endpoint deliveries ` +
        deadRows.rows.map((r) => `${r.status} ${fmt(Number(r.n))}`).join(', '),
    );
  } finally {
    await worker?.stop();
    services?.settings.stop();
    await store?.close();
    await rcv?.stop();
    await twin?.stop();
    await dead?.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const best = (k: PhaseKind) => phases.filter((p) => p.kind === k).sort((a, b) => b.rate - a.rate)[0];
  const bests = new Set(PHASES.map(best).filter((p) => p !== undefined));
  log('');
  log(`results (${new Date().toISOString()}; healthy deliveries/s = receipts / (last receipt - first production))`);
  log(
    table(
      [
        'phase',
        'healthy deliveries/s',
        'p50',
        'p99',
        'healthy slots avg',
        'second slots avg',
        'second slots max',
        'worker in flight avg',
        'second attempts',
        'healthy/s while hanging held slots',
      ],
      phases.map((p) => [
        `${p.kind} #${p.round}${bests.has(p) ? ' *' : ''}`,
        fmt(p.rate),
        ms(p.stats.latency.p50),
        ms(p.stats.latency.p99),
        p.healthySlotsAvg.toFixed(2),
        p.deadSlotsAvg.toFixed(2),
        String(p.deadSlotsMax),
        p.inFlightAvg.toFixed(2),
        String(p.deadAttempts),
        hanging(p.kind) ? `${fmt(p.heldRate)} (${fmt(p.heldMs)} ms)` : '',
      ]),
    ),
  );
  log('(* = best of its kind)');
  log('');
  for (const [live, hung] of PAIRS) {
    const b = best(live);
    const c = best(hung);
    if (!b || !c) continue;
    const ratio = c.rate / b.rate;
    const hungPhases = phases.filter((p) => p.kind === hung);
    const slotsAvg = hungPhases.reduce((sum, p) => sum + p.deadSlotsAvg, 0) / hungPhases.length;
    const slotsMax = Math.max(...hungPhases.map((p) => p.deadSlotsMax));
    log(
      `healthy: ${live} ${fmt(b.rate)}/s, ${hung} ${fmt(c.rate)}/s -> ratio ${ratio.toFixed(3)} ` +
        `(target >= 0.90: ${ratio >= 0.9 ? 'met' : 'MISSED'}); the hanging endpoint held ${slotsAvg.toFixed(2)} worker slots ` +
        `on average (max ${slotsMax}); breaker after: ` +
        hungPhases
          .map((p) => `${p.deadFailures} failures, paused ${fmt(p.deadPausedForMs / 1000, 1)} s more`)
          .join('; '),
    );
  }
  log(
    `max_concurrency: healthy ${healthyMaxConcurrency}, dead ${deadMaxConcurrency}, wide 100, Webhooks page 64; worker 64`,
  );
  log(`total ${fmt((Date.now() - t0) / 1000, 1)} s`);
  if (problems.length > 0) {
    log('');
    log('CHECKS FAILED:');
    for (const p of problems) log(`  - ${p}`);
    return 1;
  }
  log('checks passed: every healthy event received once; store succeeded = receipts');
  return 0;
}

if (process.env[ROLE_ENV] === 'dead-receiver') {
  deadReceiver();
} else {
  const code = await main().catch((err: unknown) => {
    process.stderr.write(`isolation: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  });
  process.exit(code);
}
