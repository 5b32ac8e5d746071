/**
 * kill -9 with the delivery thread (issue 16) loses nothing, in the two moments the hand-off adds:
 * - hand-offs in flight: the receiver holds every request, so the process dies with deliveries
 *   handed over and sent but never answered;
 * - outcomes not yet recorded: the receiver answers at once and the process is killed in the same
 *   moment, while the batch of records is still on its way to the API thread's connection.
 * After a restart on the same SQLite file every acknowledged event arrives, and any event sent
 * twice carries the same webhook-id both times (at-least-once).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import type { ServerProcess } from '../helpers/server-process.ts';

async function api(base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers = {}) {
  const r = await request(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.body.text();
  return { status: r.statusCode, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** Logs in as admin once the admin exists (it may be created just after the port opens). */
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

/** message _id -> webhook-ids it arrived with */
function arrivals(rx: Receiver): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const req of rx.requests) {
    const mid = (JSON.parse(req.body) as { messages?: { _id: string }[] }).messages?.[0]?._id;
    if (!mid) continue;
    const set = out.get(mid) ?? new Set<string>();
    set.add(String(req.headers['webhook-id']));
    out.set(mid, set);
  }
  return out;
}

describe('kill -9 with the delivery thread', () => {
  let dir: string;
  let rx: Receiver;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnihook-handoff-crash-'));
  });
  afterEach(async () => {
    await server?.kill('SIGKILL');
    server = undefined;
    await rx?.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function scenario(name: string, hold: boolean): Promise<void> {
    rx = await startReceiver();
    rx.fallback = hold ? { hang: true } : { status: 200, body: '{}' };
    const env = { DATABASE_URL: `sqlite:${join(dir, `${name}.db`)}`, LOG_LEVEL: 'warn' };
    server = await startServerProcess(env);
    await waitFor200(server);
    const base = server.base;
    const staff = await staffOf(base);
    for (const [id, value] of [
      ['Livechat_webhookUrl', `${rx.url}/crm`],
      ['Livechat_webhook_on_visitor_message', true],
      ['Livechat_webhook_retry_delay_ms', 200],
      ['Livechat_http_timeout', 60_000],
    ] as const)
      expect((await api(base, 'POST', `/api/v1/settings/${id}`, { value }, staff)).status).toBe(200);
    const rooms: { token: string; rid: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const token = `${name}-visitor-${i}`;
      await api(base, 'POST', '/api/v1/livechat/visitor', { visitor: { token, name: `V${i}` } });
      const room = await api(base, 'GET', `/api/v1/livechat/room?token=${token}`);
      rooms.push({ token, rid: (room.json.room as { _id: string })._id });
    }
    const acknowledged: string[] = [];
    let n = 0;
    const send = async (r: { token: string; rid: string }) => {
      const _id = `${name}-${n++}`;
      const res = await api(base, 'POST', '/api/v1/livechat/message', { token: r.token, rid: r.rid, msg: _id, _id });
      if (res.status === 200) acknowledged.push(_id);
    };
    for (let k = 0; k < 5; k++) await Promise.all(rooms.map(send));
    if (hold) {
      // one request per room is held by the receiver: handed over, sent, unanswered
      await rx.waitFor(rooms.length, 20_000);
    } else {
      // answered at once: kill as soon as the first answers went out, records on their way
      await rx.waitFor(Math.min(10, acknowledged.length), 20_000);
    }
    await server.kill('SIGKILL');
    const beforeRestart = rx.requests.length;
    rx.fallback = { status: 200, body: '{}' };
    server = await startServerProcess(env);
    await waitFor200(server);
    const deadline = Date.now() + 40_000;
    let got = arrivals(rx);
    while (acknowledged.some((id) => !got.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      got = arrivals(rx);
    }
    expect(acknowledged.filter((id) => !got.has(id))).toEqual([]);
    // at-least-once with the same webhook-id
    for (const [mid, ids] of got) expect({ mid, ids: ids.size }).toEqual({ mid, ids: 1 });
    expect(acknowledged.length).toBe(30);
    expect(rx.requests.length).toBeGreaterThan(beforeRestart);
    if (hold) {
      // the held ones were sent again after the restart
      const resent = [...got.keys()].filter(
        (mid) => rx.requests.filter((q) => q.body.includes(`"_id":"${mid}"`)).length > 1,
      );
      expect(resent.length).toBeGreaterThan(0);
    }
  }

  it('loses nothing with hand-offs in flight', { timeout: 120_000 }, async () => {
    await scenario('held', true);
  });

  it('loses nothing with a batch of outcomes not yet recorded', { timeout: 120_000 }, async () => {
    await scenario('answered', false);
  });
});
