/**
 * Per-room order across processes (issue 16): two server processes on one PostgreSQL database,
 * each with its delivery thread; visitors write through both, alternating, so every room's
 * events are enqueued by both processes and handed to two engines. Each room's events still
 * reach the receiver in the order they were committed, and none is lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { PG_URL, postgresAvailable, withPgClient } from '../helpers/db.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { newId } from '../../src/domain/ids.ts';

const available = await postgresAvailable();

async function api(base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers = {}) {
  const r = await request(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.body.text();
  return { status: r.statusCode, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function staffOf(base: string): Promise<Record<string, string>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const login = await api(base, 'POST', '/api/v1/login', { user: 'admin', password: 'fault-drill-pass' });
    const data = login.json.data as { userId?: string; authToken?: string } | undefined;
    if (login.status === 200 && data?.userId && data.authToken)
      return { 'x-user-id': data.userId, 'x-auth-token': data.authToken };
    if (Date.now() > deadline) throw new Error(`login failed: ${JSON.stringify(login.json)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!available)('per-room order across two processes on PostgreSQL', () => {
  const schema = `t_${newId(12).toLowerCase()}`;
  const procs: ServerProcess[] = [];
  let rx: Receiver | undefined;
  const admin = (q: string) => withPgClient((c) => c.query(q));
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await rx?.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('keeps each room in commit order and loses nothing', { timeout: 120_000 }, async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${schema}`);
    rx = await startReceiver();
    rx.fallback = { status: 200, body: '{}', delayMs: 5 };
    const env = { DATABASE_URL: u.toString() };
    const a = await startServerProcess(env);
    procs.push(a);
    await waitFor200(a);
    const staff = await staffOf(a.base);
    for (const [id, value] of [
      ['Livechat_webhookUrl', `${rx.url}/crm`],
      ['Livechat_webhook_on_visitor_message', true],
    ] as const)
      expect((await api(a.base, 'POST', `/api/v1/settings/${id}`, { value }, staff)).status).toBe(200);
    // started after the settings: it reads them at start
    const b = await startServerProcess(env);
    procs.push(b);
    await waitFor200(b);
    const bases = [a.base, b.base];
    const rooms: { token: string; rid: string; sent: string[] }[] = [];
    for (let i = 0; i < 6; i++) {
      const token = `order-visitor-${i}`;
      await api(a.base, 'POST', '/api/v1/livechat/visitor', { visitor: { token, name: `V${i}` } });
      const room = await api(a.base, 'GET', `/api/v1/livechat/room?token=${token}`);
      rooms.push({ token, rid: (room.json.room as { _id: string })._id, sent: [] });
    }
    // each room writes one message at a time, alternating processes: commit order = send order
    await Promise.all(
      rooms.map(async (r, i) => {
        for (let n = 0; n < 12; n++) {
          const _id = `order-${i}-${n}`;
          const res = await api(bases[n % 2]!, 'POST', '/api/v1/livechat/message', {
            token: r.token,
            rid: r.rid,
            msg: _id,
            _id,
          });
          expect(res.status).toBe(200);
          r.sent.push(_id);
        }
      }),
    );
    const firstArrivals = (rid: string) => {
      const out: string[] = [];
      for (const q of rx!.requests) {
        const body = JSON.parse(q.body) as { _id?: string; messages?: { _id: string }[] };
        const mid = body.messages?.[0]?._id;
        if (body._id === rid && mid && !out.includes(mid)) out.push(mid);
      }
      return out;
    };
    const deadline = Date.now() + 40_000;
    while (rooms.some((r) => firstArrivals(r.rid).length < r.sent.length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    for (const r of rooms) expect(firstArrivals(r.rid)).toEqual(r.sent);
  });
});
