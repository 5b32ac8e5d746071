/**
 * What one visitor message costs the API thread, CPU microseconds, with nothing else running:
 * sendAsVisitor (message, room, event, delivery, all in group commit) from `producers`
 * concurrent loops, no delivery worker. CPU time (not wall time) so a busy machine moves it little.
 * Then the same for a returning visitor's registration (`livechat/visitor`, which the widget
 * calls on every page load): the steady benchmark's "other traffic".
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
type Call = (r: (typeof rooms)[number], i: number) => Promise<unknown>;
const send: Call = (r, i) => s.livechat.messages.sendAsVisitor({ token: r.token, rid: r.rid, msg: messageText(i) });
// a returning visitor: the same name and email as on the last page load
const register: Call = (r) =>
  s.livechat.visitors.register({ token: r.token, name: `Returning ${r.rid}`, email: `${r.rid}@example.com` }, {});
async function run(n: number, call: Call = send): Promise<{ us: number; wall: number }> {
  let next = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: P }, async () => {
      while (next < n) {
        const i = next++;
        const r = rooms[i % rooms.length]!;
        await call(r, i);
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
await run(Math.ceil(N / 10), register); // warm-up
const v = await run(Math.ceil(N / 2), register);
process.stdout.write(
  `register: ${v.us.toFixed(1)} us CPU per returning visitor, ${(1000 / v.wall).toFixed(0)} calls/s wall (${P} callers)\n`,
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
