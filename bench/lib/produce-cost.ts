/**
 * What one visitor message costs the API thread, CPU microseconds, with nothing else running:
 * sendAsVisitor (message, room, event, delivery, all in group commit) from `producers`
 * concurrent loops, no delivery worker. CPU time (not wall time) so a busy machine moves it little.
 *
 *   node --import tsx bench/lib/produce-cost.ts [--messages 20000] [--producers 16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { messageText, positiveOption } from './stats.ts';
import { agentAndRooms, openInProcess } from './inprocess.ts';

const { values: args } = parseArgs({
  options: { messages: { type: 'string', default: '20000' }, producers: { type: 'string', default: '16' } },
});
const N = positiveOption('messages', args.messages);
const P = positiveOption('producers', args.producers);
const dir = mkdtempSync(join(tmpdir(), 'omnihook-produce-'));
// PRODUCE_PG=postgres://...: the same on a fresh schema of that database (dropped at the end)
const pgBase = process.env.PRODUCE_PG;
const schema = `produce_${process.pid}`;
let databaseUrl = `sqlite:${join(dir, 'p.db')}`;
if (pgBase) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(pgBase);
  u.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = u.toString();
}
const { s, store } = await openInProcess(databaseUrl);
await s.settings.set('Livechat_webhookUrl', 'http://127.0.0.1:9/hook');
await s.settings.set('Livechat_webhook_on_visitor_message', true);
const rooms = await agentAndRooms(s, 256);
async function run(n: number): Promise<{ us: number; wall: number }> {
  let next = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: P }, async () => {
      while (next < n) {
        const i = next++;
        const r = rooms[i % rooms.length]!;
        await s.livechat.messages.sendAsVisitor({ token: r.token, rid: r.rid, msg: messageText(i) });
      }
    }),
  );
  const c = process.cpuUsage(c0);
  return { us: (c.user + c.system) / n, wall: (performance.now() - t0) / n };
}
await run(Math.ceil(N / 5)); // warm-up
const r = await run(N);
process.stdout.write(
  `produce: ${r.us.toFixed(1)} us CPU per message, ${(1000 / r.wall).toFixed(0)} messages/s wall (${P} producers)\n`,
);
s.settings.stop();
await store.close();
if (pgBase) {
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
if (process.env.KEEP) process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
