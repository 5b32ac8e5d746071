/**
 * Message throughput: `POST /api/v1/livechat/message` against Fastify's hello world, in one run.
 *
 * Each server runs in its own child process (Omnihook started through src/main.ts `start()` as
 * `npm start` does, SQLite WAL in a temp dir, LOG_LEVEL=silent, worker on); autocannon runs here.
 * Targets, alternated round by round, best round kept:
 *   hello            GET /  -> {hello:'world'}                       (the baseline)
 *   message          POST livechat/message, no webhook URL: no deliveries
 *   message+webhook  the same with the Webhooks-page URL set, the visitor-message flag on, the
 *                    delivery worker POSTing every event to a local receiver (its own child)
 * Afterwards the SQLite files are opened read-only: every message persisted, one Message event
 * per message, and every delivery succeeded and reached the receiver.
 *
 *   node --import tsx bench/message-throughput.ts [--duration 10] [--connections 50] [--rooms 200]
 *     [--rounds 2] [--no-webhook] [--profile | --profile-webhook]
 *
 * --profile (--profile-webhook) runs only the message (message+webhook) target, under
 * `node --cpu-prof`, and prints the hot spots.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { processCpuMicros, serverScript, spawnChild } from './lib/child.ts';
import { messageFloor } from './lib/store-floor.ts';
import type { Child } from './lib/child.ts';
import { Api } from './lib/api.ts';
import { startOmnihook } from './lib/omnihook.ts';
import type { BenchRoom } from './lib/api.ts';
import { cannon } from './lib/cannon.ts';
import type { LoadResult } from './lib/cannon.ts';
import { startReceiver } from './lib/receiver.ts';
import type { Receiver, ReceiverStats } from './lib/receiver.ts';
import { countStore } from './lib/verify.ts';
import { summarizeProfile } from './lib/cpuprofile.ts';
import { fmt, messageText, ms, sleep, table } from './lib/stats.ts';
import SQLite from 'better-sqlite3';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rooms: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '2' },
    'no-webhook': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'profile-webhook': { type: 'boolean', default: false },
    'drain-timeout': { type: 'string', default: '45' },
  },
  allowPositionals: false,
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROOMS = Number(args.rooms);
const ROUNDS = Number(args.rounds);
const DRAIN_TIMEOUT_MS = Number(args['drain-timeout']) * 1000;
const TARGET_RATIO = 0.4;
const PROFILE = args['profile-webhook'] ? 'webhook' : args.profile ? 'message' : undefined;

interface Target {
  name: string;
  child: Child;
  load(duration: number): Promise<LoadResult>;
  /** After a round: wait until the worker has delivered the round's events. */
  settle?(): Promise<void>;
  rounds: LoadResult[];
  /** Server CPU (all its threads) per 2xx response, per round, in microseconds. */
  cpu: (number | undefined)[];
  drains: (ReceiverStats & { drainMs: number; roundStart: number })[];
  dbPath?: string;
  sent: number;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function messageLoad(origin: string, rooms: BenchRoom[], target: { sent: number }) {
  return (duration: number) => {
    let seq = 0;
    return cannon({
      url: origin,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/livechat/message',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const n = seq++;
            const room = rooms[n % rooms.length] as BenchRoom;
            target.sent++;
            return { ...req, body: JSON.stringify({ token: room.token, rid: room.rid, msg: messageText(n) }) };
          },
        },
      ],
    });
  };
}

/** Pending Message deliveries in a live SQLite file (read-only; WAL lets us read beside the writer). */
function pendingDeliveries(dbPath: string): number {
  const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare(`SELECT count(*) FROM deliveries WHERE status = 'pending'`).pluck().get());
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-bench-'));
  const children: Child[] = [];
  let receiver: Receiver | undefined;
  let exitCode = 0;
  const t0 = Date.now();
  try {
    log(
      `message-throughput: ${CONNECTIONS} connections, ${DURATION} s per round, ${ROUNDS} rounds (best kept), ${ROOMS} rooms`,
    );
    log(`node ${process.version}, data in ${dir}`);
    const targets: Target[] = [];
    const withWebhook = PROFILE === 'webhook' || (!args['no-webhook'] && PROFILE === undefined);
    const profDir = join(dir, 'cpu-prof');

    if (PROFILE === undefined) {
      const hello = await spawnChild('hello', serverScript('hello'));
      children.push(hello);
      const origin = `http://127.0.0.1:${hello.port}`;
      targets.push({
        name: 'hello',
        child: hello,
        load: (duration) => cannon({ url: `${origin}/`, connections: CONNECTIONS, duration }),
        rounds: [],
        cpu: [],
        drains: [],
        sent: 0,
      });
    }

    if (PROFILE !== 'webhook') {
      const dbPath = join(dir, 'bench.db');
      const nodeArgs = PROFILE === 'message' ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
      const child = await startOmnihook('message', dbPath, {}, nodeArgs);
      children.push(child);
      const api = new Api(`http://127.0.0.1:${child.port}`);
      await api.loginAdmin();
      await api.availableAgent();
      const rooms = await api.visitorsWithRooms(ROOMS, 'bench-visitor');
      await api.close();
      const target: Target = {
        name: 'message',
        child,
        load: () => Promise.reject(new Error('unset')),
        rounds: [],
        cpu: [],
        drains: [],
        dbPath,
        sent: 0,
      };
      target.load = messageLoad(`http://127.0.0.1:${child.port}`, rooms, target);
      targets.push(target);
    }

    if (withWebhook) {
      const rcv = await startReceiver();
      receiver = rcv;
      children.push(rcv.child);
      const dbPath = join(dir, 'bench-webhook.db');
      const nodeArgs = PROFILE === 'webhook' ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
      const child = await startOmnihook('message+webhook', dbPath, { EGRESS_ALLOWLIST: '127.0.0.1/32' }, nodeArgs);
      children.push(child);
      const api = new Api(`http://127.0.0.1:${child.port}`);
      await api.loginAdmin();
      await api.availableAgent();
      await api.setting('Livechat_webhookUrl', rcv.url);
      await api.setting('Livechat_webhook_on_visitor_message', true);
      const rooms = await api.visitorsWithRooms(ROOMS, 'bench-visitor');
      await api.close();
      const target: Target = {
        name: 'message+webhook',
        child,
        load: () => Promise.reject(new Error('unset')),
        rounds: [],
        cpu: [],
        drains: [],
        dbPath,
        sent: 0,
      };
      target.load = messageLoad(`http://127.0.0.1:${child.port}`, rooms, target);
      let roundStart = 0;
      const load = target.load;
      target.load = async (duration) => {
        await rcv.reset();
        roundStart = performance.timeOrigin + performance.now();
        return load(duration);
      };
      target.settle = async () => {
        const start = Date.now();
        while (pendingDeliveries(dbPath) > 0 && Date.now() - start < DRAIN_TIMEOUT_MS) await sleep(100);
        await sleep(100); // the last receipts' count reaches the receiver's bookkeeping
        const stats = await rcv.stats();
        target.drains.push({ ...stats, drainMs: Date.now() - start, roundStart });
      };
      targets.push(target);
    }
    log(`setup done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Warm-up (JIT, SQLite page cache), not recorded.
    for (const t of targets) {
      await t.load(WARMUP);
      await t.settle?.();
      t.drains.length = 0;
    }

    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const cpu0 = processCpuMicros(t.child.proc.pid);
        const r = await t.load(DURATION);
        const cpu1 = processCpuMicros(t.child.proc.pid);
        t.rounds.push(r);
        t.cpu.push(cpu0 !== undefined && cpu1 !== undefined && r.ok > 0 ? (cpu1 - cpu0) / r.ok : undefined);
        let extra = '';
        if (t.settle) {
          await t.settle();
          const d = t.drains[t.drains.length - 1];
          if (d)
            extra = `; delivered ${fmt(d.count)} (drain ${fmt(d.drainMs)} ms, event->receipt p50 ${ms(d.latency.p50)} p99 ${ms(d.latency.p99)})`;
        }
        log(
          `round ${round} ${t.name.padEnd(16)} ${fmt(r.rps).padStart(7)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  ` +
            `(2xx ${fmt(r.ok)}, non-2xx ${r.non2xx}, errors ${r.errors})${extra}`,
        );
      }
    }

    // Stop the servers so SQLite files are checkpointed and profiles are written.
    for (const c of children) await c.stop();
    children.length = 0;

    const best = (t: Target) => t.rounds.reduce((a, b) => (b.rps > a.rps ? b : a));
    const bestCpu = (t: Target) => t.cpu[t.rounds.indexOf(best(t))];
    // The store floor (bench/lib/store-floor.ts): SQLite alone, the same statements, one thread.
    const floor = PROFILE ? undefined : await messageFloor({ rooms: ROOMS, batch: CONNECTIONS });
    const hello = targets.find((t) => t.name === 'hello');
    const helloBest = hello ? best(hello) : undefined;
    log('');
    log(
      `results (best of ${ROUNDS} rounds, ${CONNECTIONS} connections, ${DURATION} s each; ${new Date().toISOString()})`,
    );
    log(
      table(
        ['target', 'req/s', 'p50', 'p99', 'ratio vs hello', 'server CPU/request'],
        targets.map((t) => {
          const b = best(t);
          const cpu = bestCpu(t);
          return [
            t.name,
            fmt(b.rps),
            ms(b.p50),
            ms(b.p99),
            helloBest ? (b.rps / helloBest.rps).toFixed(3) : 'n/a',
            cpu === undefined ? 'n/a' : `${cpu.toFixed(1)} us`,
          ];
        }),
      ),
    );
    const message = targets.find((t) => t.name === 'message');
    if (helloBest && message) {
      const ratio = best(message).rps / helloBest.rps;
      log(
        `\nmessage/hello ratio: ${ratio.toFixed(3)} (target >= ${TARGET_RATIO}) -> ${ratio >= TARGET_RATIO ? 'MET' : 'MISSED'}`,
      );
      const helloCpu = hello ? bestCpu(hello) : undefined;
      const messageCpu = bestCpu(message);
      if (floor && helloCpu !== undefined) {
        // A message costs at least an HTTP request (hello's CPU) plus SQLite's own work (the floor);
        // one event loop gives it at most one core.
        const ceiling = 1e6 / (helloCpu + floor.usPerUnit);
        log(
          `store floor (SQLite alone, same statements, batches of ${CONNECTIONS}): ${floor.usPerUnit.toFixed(1)} us/message; ` +
            `hello ${helloCpu.toFixed(1)} us/request; message ${messageCpu === undefined ? 'n/a' : messageCpu.toFixed(1)} us/request`,
        );
        log(
          `ceiling for any one-process server that stores each message and its event in SQLite: ` +
            `${fmt(ceiling)} req/s = ${(ceiling / helloBest.rps).toFixed(3)} of hello`,
        );
      }
    }
    const webhook = targets.find((t) => t.name === 'message+webhook');
    if (webhook && webhook.drains.length > 0) {
      log('\nmessage+webhook deliveries per round (receiver side; t0 = when the client built the request):');
      log(
        table(
          [
            'round',
            'delivered',
            'deliveries/s',
            'event->receipt p50',
            'p99',
            'drain after load',
            'dup ids',
            'out of order',
          ],
          webhook.drains.map((d, i) => [
            String(i + 1),
            fmt(d.count),
            fmt(d.count / ((d.lastAt - d.roundStart) / 1000)),
            ms(d.latency.p50),
            ms(d.latency.p99),
            `${fmt(d.drainMs)} ms`,
            String(d.count - d.uniqueIds),
            String(d.outOfOrder),
          ]),
        ),
      );
    }

    // Verification: read the SQLite files.
    log('\nverification (SQLite files opened read-only after the servers stopped):');
    for (const t of targets) {
      if (!t.dbPath) continue;
      const c = countStore(t.dbPath);
      const ok2xx = t.rounds.reduce((a, r) => a + r.ok, 0);
      const problems: string[] = [];
      // autocannon stops with up to `connections` requests in flight: the server may still commit them.
      if (c.messages < ok2xx || c.messages > t.sent)
        problems.push(`messages ${c.messages} outside [${ok2xx} measured 2xx, ${t.sent} sent incl. warm-up]`);
      if (c.messageEvents !== c.messages || c.messagesWithEvent !== c.messages) {
        problems.push(
          `Message events ${c.messageEvents} (distinct message ids ${c.messagesWithEvent}) != messages ${c.messages}`,
        );
      }
      if (c.roomsMismatched !== 0) problems.push(`${c.roomsMismatched} rooms whose message and event counts differ`);
      if (t.name === 'message') {
        if (c.deliveries.pending + c.deliveries.succeeded + c.deliveries.failed !== 0)
          problems.push('deliveries exist without a webhook URL');
      } else if (t.name === 'message+webhook') {
        if (c.deliveries.succeeded !== c.messages) {
          problems.push(
            `succeeded deliveries ${c.deliveries.succeeded} != messages ${c.messages} (pending ${c.deliveries.pending}, failed ${c.deliveries.failed})`,
          );
        }
        if (c.orderViolations > 0)
          problems.push(`${c.orderViolations} deliveries started before the previous one of their room finished`);
        const received = t.drains.reduce((a, d) => a + d.count, 0);
        const outOfOrder = t.drains.reduce((a, d) => a + d.outOfOrder, 0);
        if (outOfOrder > 0) problems.push(`the receiver saw ${outOfOrder} messages out of room order`);
        log(
          `  ${t.name}: receiver counted ${fmt(received)} deliveries in the measured rounds; attempt-log order violations ${c.orderViolations}`,
        );
      }
      log(
        `  ${t.name}: ${fmt(c.messages)} messages (measured 2xx ${fmt(ok2xx)}, sent incl. warm-up ${fmt(t.sent)}), ` +
          `${fmt(c.messageEvents)} Message events, deliveries succeeded/pending/failed ` +
          `${c.deliveries.succeeded}/${c.deliveries.pending}/${c.deliveries.failed}, attempts ${fmt(c.attempts)} -> ${problems.length === 0 ? 'OK' : 'FAILED'}`,
      );
      for (const p of problems) log(`    ${p}`);
      if (problems.length > 0) exitCode = 1;
    }

    if (PROFILE) {
      const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
      for (const f of files) {
        log(
          `\nCPU profile of the ${PROFILE} server (${join(profDir, f)}; whole process life: setup, warm-up and rounds)`,
        );
        log(summarizeProfile(join(profDir, f)).text);
      }
      if (files.length === 0) log('no .cpuprofile was written');
    }
    log(`\ntotal time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return exitCode;
  } finally {
    for (const c of children) await c.stop().catch(() => undefined);
    if (receiver) await receiver.stop().catch(() => undefined);
    if (!PROFILE) rmSync(dir, { recursive: true, force: true });
    else log(`(profile kept in ${dir})`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `message-throughput failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
