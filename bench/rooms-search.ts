/**
 * The Chats page's search (`GET livechat/rooms`) on a seeded history: how much a filter costs
 * against the plain newest-first list measured in the same run (the machine is shared and noisy,
 * so the ratios are the figures to quote, the milliseconds only their scale).
 *
 *   node --import tsx bench/rooms-search.ts [--rooms 20000] [--messages 10] [--calls 30]
 *
 * Seeds a SQLite file with `rooms` closed chats of `messages` messages each (plus 50 open ones),
 * then times each query shape through the real app (Fastify inject, as a manager).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/index.ts';
import { createServices } from '../src/services/container.ts';
import { Hub } from '../src/realtime/hub.ts';
import { buildApp } from '../src/http/app.ts';
import { migrate, openStore } from '../src/store/open.ts';
import { newRoomRow, newVisitorRow } from '../src/store/rows.ts';

const { values: args } = parseArgs({
  options: {
    rooms: { type: 'string', default: '20000' },
    messages: { type: 'string', default: '10' },
    calls: { type: 'string', default: '30' },
  },
});
const ROOMS = Number(args.rooms);
const PER_ROOM = Number(args.messages);
const CALLS = Number(args.calls);
const WORDS = ['order', 'refund', 'parcel', 'invoice', 'login', 'password', 'delivery', 'broken', 'thanks', 'help'];

const dir = mkdtempSync(join(tmpdir(), 'omnihook-search-'));
const url = `sqlite:${join(dir, 'bench.db')}`;
const store = await openStore(url);
await migrate(store);
const config = loadConfig({
  DATABASE_URL: url,
  ADMIN_USERNAME: 'admin',
  ADMIN_PASS: 'bench-pass-123',
  LOG_LEVEL: 'silent',
});
const services = await createServices(config, store, new Hub());
await services.users.ensureAdmin(config.admin);
const app = await buildApp(services);
await app.ready();

const t0 = performance.now();
const day = 86_400_000;
const start = Date.now() - 90 * day;
const BATCH = 500;
for (let b = 0; b < ROOMS + 50; b += BATCH) {
  const visitors = [];
  const rooms = [];
  const messages = [];
  for (let i = b; i < Math.min(b + BATCH, ROOMS + 50); i++) {
    const created = start + Math.floor((i / (ROOMS + 50)) * 90 * day);
    const open = i >= ROOMS;
    visitors.push(
      newVisitorRow(
        {
          _id: `v${i}`,
          token: `tok${i}`,
          username: `guest-${i}`,
          emails: JSON.stringify([{ address: `v${i}@example.com` }]),
        },
        created,
      ),
    );
    rooms.push(
      newRoomRow(
        {
          _id: `r${i}`,
          fname: `Visitor ${i}`,
          visitor_id: `v${i}`,
          visitor_token: `tok${i}`,
          visitor_username: `guest-${i}`,
          open: open ? 1 : 0,
          closed_at: open ? null : created + 600_000,
          tags: JSON.stringify([WORDS[i % WORDS.length]]),
          msgs: PER_ROOM,
        },
        created,
      ),
    );
    for (let m = 0; m < PER_ROOM; m++)
      messages.push({
        _id: `m${i}-${m}`,
        rid: `r${i}`,
        msg: `${WORDS[(i + m) % WORDS.length]} question number ${i}-${m}`,
        t: null,
        u_id: `v${i}`,
        u_username: `guest-${i}`,
        u_name: null,
        token: `tok${i}`,
        ts: created + m * 1000,
        edited_at: null,
        edited_by_id: null,
        edited_by_username: null,
        updated_at: created + m * 1000,
        file: null,
        attachments: null,
        transfer_data: null,
      });
  }
  await store.db.insertInto('visitors').values(visitors).execute();
  await store.db.insertInto('rooms').values(rooms).execute();
  for (let i = 0; i < messages.length; i += 2000)
    await store.db
      .insertInto('messages')
      .values(messages.slice(i, i + 2000))
      .execute();
}
console.log(
  `seeded ${ROOMS + 50} rooms, ${(ROOMS + 50) * PER_ROOM} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const login = await app.inject({
  method: 'POST',
  url: '/api/v1/login',
  payload: { user: 'admin', password: 'bench-pass-123' },
});
const { userId, authToken } = (login.json() as { data: { userId: string; authToken: string } }).data;
const headers = { 'x-user-id': userId, 'x-auth-token': authToken };

const range = encodeURIComponent(
  JSON.stringify({ start: new Date(start + 30 * day).toISOString(), end: new Date(start + 37 * day).toISOString() }),
);
const shapes: [string, string][] = [
  ['newest 25, all (baseline)', 'count=25'],
  ['closed, newest 25', 'open=false&count=25'],
  ['open only', 'open=true&count=25'],
  ['tag', 'tags[]=refund&count=25'],
  ['created in one week', `createdAt=${range}&count=25`],
  ['text: visitor email', 'text=v1234%40example.com&count=25'],
  ['text: word in messages', 'text=parcel&count=25'],
  ['text: rare word in messages', `text=${encodeURIComponent(`question number ${Math.floor(ROOMS / 2)}-3`)}&count=25`],
  ['text + closed + tag', 'text=refund&open=false&tags[]=refund&count=25'],
  ['page 100 (offset 2475)', 'count=25&offset=2475'],
];

async function time(query: string): Promise<{ ms: number; total: number }> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/livechat/rooms?${query}`, headers });
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  const total = (res.json() as { total: number }).total;
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const s = performance.now();
    await app.inject({ method: 'GET', url: `/api/v1/livechat/rooms?${query}`, headers });
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, total };
}

const base = await time(shapes[0]![1]);
console.log(`\n| query | matches | median ms | x baseline |\n|---|---:|---:|---:|`);
for (const [name, q] of shapes) {
  const r = name.includes('baseline') ? base : await time(q);
  console.log(`| ${name} | ${r.total} | ${r.ms.toFixed(1)} | ${(r.ms / base.ms).toFixed(2)} |`);
}
await app.close();
services.settings.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
