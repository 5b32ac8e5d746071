/**
 * SQLite's WAL under steady writes: Omnihook (a child process, as `npm start` runs it, worker on,
 * every visitor message also delivered to a local receiver) takes `--rate` messages per second for
 * `--duration` seconds; the WAL file's size is sampled every second. Passes when the largest
 * sample stays under 64 MB (before the checkpointer truncated the log it grew 38 MB/s at 1,000
 * events/s). Then a crash check: the same load on a fresh file, kill -9 mid-run, restart, and
 * every acknowledged message must be in the database with its delivery succeeded.
 *
 *   node --import tsx bench/wal.ts [--duration 300] [--rate 1000] [--rooms 200] [--crash-after 10] [--no-crash]
 *
 * Takes `duration` + about a minute; not in bench/run-all.ts's default list for that reason.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { Api } from './lib/api.ts';
import type { BenchRoom } from './lib/api.ts';
import { startOmnihook } from './lib/omnihook.ts';
import { startReceiver } from './lib/receiver.ts';
import type { Receiver } from './lib/receiver.ts';
import { paced } from './lib/load.ts';
import { countStore } from './lib/verify.ts';
import { fmt, messageText, sleep } from './lib/stats.ts';
import type { Child } from './lib/child.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    rate: { type: 'string', default: '1000' },
    rooms: { type: 'string', default: '200' },
    'crash-after': { type: 'string', default: '10' },
    'no-crash': { type: 'boolean', default: false },
  },
});
const DURATION_S = Number(args.duration);
const RATE = Number(args.rate);
const ROOMS = Number(args.rooms);
const LIMIT_BYTES = 64 * 1024 * 1024;
const MB = (b: number) => `${fmt(b / 1024 / 1024, 1)} MB`;

const walBytes = (db: string) => {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return 0;
  }
};

/** A server with the Webhooks-page URL on the receiver and `ROOMS` open rooms. */
async function setUp(dbPath: string, rx: Receiver): Promise<{ server: Child; api: Api; rooms: BenchRoom[] }> {
  const server = await startOmnihook('omnihook', dbPath, { EGRESS_ALLOWLIST: '127.0.0.1/32' });
  const api = new Api(`http://127.0.0.1:${server.port}`);
  await api.loginAdmin();
  await api.availableAgent();
  await api.setting('Livechat_webhookUrl', rx.url);
  await api.setting('Livechat_webhook_on_visitor_message', true);
  await api.setting('Livechat_webhook_retry_delay_ms', 200);
  const rooms = await api.visitorsWithRooms(ROOMS, `wal-${Date.now()}`);
  return { server, api, rooms };
}

const post = (api: Api, rooms: BenchRoom[], i: number, _id: string) => {
  const room = rooms[i % rooms.length]!;
  return api.call(
    'POST',
    '/api/v1/livechat/message',
    { token: room.token, rid: room.rid, msg: messageText(i), _id },
    false,
  );
};

async function sustained(dir: string, rx: Receiver): Promise<boolean> {
  const dbPath = join(dir, 'wal.db');
  const { server, api, rooms } = await setUp(dbPath, rx);
  let max = 0;
  let running = true;
  const t0 = Date.now();
  const sampler = (async () => {
    for (let s = 1; running; s++) {
      await sleep(1000);
      const size = walBytes(dbPath);
      max = Math.max(max, size);
      if (s % 10 === 0) console.log(`  t=${s}s  wal ${MB(size)}  max ${MB(max)}  db ${MB(statSync(dbPath).size)}`);
    }
  })();
  const load = await paced({
    rate: RATE,
    durationMs: DURATION_S * 1000,
    produce: (i) => post(api, rooms, i, `wal-${i}`).then(() => undefined),
  });
  running = false;
  await sampler;
  const final = walBytes(dbPath);
  const seconds = (load.endedAt - load.startedAt) / 1000;
  console.log(
    `sustained: ${load.produced} messages in ${fmt(seconds, 0)} s (${fmt(load.produced / seconds)}/s, ${load.errors} errors${load.firstError ? `: ${load.firstError}` : ''})`,
  );
  await rx.waitFor(load.produced, 60_000);
  await server.stop();
  const counts = countStore(dbPath);
  console.log(
    `WAL: max ${MB(max)}, final ${MB(final)} (limit ${MB(LIMIT_BYTES)}); database ${MB(statSync(dbPath).size)}`,
  );
  console.log(
    `stored: ${counts.messages} messages, deliveries ${JSON.stringify(counts.deliveries)}; run ${fmt((Date.now() - t0) / 1000)} s`,
  );
  await api.close();
  return max < LIMIT_BYTES && counts.messages === load.produced && load.errors === 0;
}

async function crash(dir: string, rx: Receiver): Promise<boolean> {
  const dbPath = join(dir, 'crash.db');
  const first = await setUp(dbPath, rx);
  const acknowledged: string[] = [];
  let killed = false;
  const killAt = Date.now() + Number(args['crash-after']) * 1000;
  await paced({
    rate: RATE,
    durationMs: Number(args['crash-after']) * 1000 + 5000,
    produce: async (i) => {
      if (killed) return;
      const _id = `crash-${i}`;
      await post(first.api, first.rooms, i, _id).then(
        () => void acknowledged.push(_id),
        () => undefined, // in flight when the process died
      );
      if (!killed && Date.now() >= killAt) {
        killed = true;
        first.server.proc.kill('SIGKILL');
      }
    },
  });
  await first.api.close().catch(() => undefined);
  await new Promise<void>((r) =>
    first.server.proc.exitCode !== null || first.server.proc.signalCode
      ? r()
      : first.server.proc.once('exit', () => r()),
  );
  // restart on the same file (the kill -9 must not leave the server lock held) and let it drain
  const again = await startOmnihook('omnihook-restarted', dbPath, { EGRESS_ALLOWLIST: '127.0.0.1/32' });
  const deadline = Date.now() + 120_000;
  while (countStore(dbPath).deliveries.pending > 0 && Date.now() < deadline) await sleep(500);
  await again.stop();
  const db = new SQLite(dbPath, { readonly: true });
  const stored = db.prepare(`SELECT _id FROM messages WHERE _id = ?`).pluck();
  const delivered = db
    .prepare(
      `SELECT count(*) FROM deliveries d JOIN events e ON e._id = d.event_id
     WHERE d.status = 'succeeded' AND json_extract(e.body, '$.messages[0]._id') = ?`,
    )
    .pluck();
  const lost = acknowledged.filter((id) => stored.get(id) === undefined);
  const undelivered = acknowledged.filter((id) => Number(delivered.get(id)) === 0);
  db.close();
  console.log(
    `crash: ${acknowledged.length} acknowledged before kill -9; lost ${lost.length}; not delivered ${undelivered.length}`,
  );
  return lost.length === 0 && undelivered.length === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'omnihook-wal-'));
const rx = await startReceiver();
let ok = false;
try {
  console.log(`WAL bench: ${RATE} messages/s for ${DURATION_S} s, ${ROOMS} rooms, webhook on`);
  ok = await sustained(dir, rx);
  if (!args['no-crash']) ok = (await crash(dir, rx)) && ok;
} finally {
  await rx.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(ok ? 'PASS' : 'FAIL');
process.exit(ok ? 0 : 1);
