/**
 * kill -9 loses nothing: a real server process is killed while visitors are writing messages and
 * the worker is sending them; after a restart on the same SQLite file, every message the API
 * acknowledged reaches the receiver, and any that arrives twice carries the same webhook-id.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { SERVER_ARGS } from '../helpers/server-process.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, SERVER_ARGS, { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(base: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const r = await request(`${base}/api/info`);
      if (r.statusCode === 200) {
        await r.body.text();
        return;
      }
      await r.body.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

async function api(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const r = await request(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await r.body.json()) as Record<string, unknown>;
  return { status: r.statusCode, json };
}

describe('crash safety (kill -9)', () => {
  let dir: string;
  let rx: Receiver;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnihook-crash-'));
    rx = await startReceiver();
    // slow enough that deliveries are in flight when the process dies
    rx.fallback = { status: 200, body: '{}', delayMs: 20 };
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await rx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every acknowledged event after a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'crash.db')}`,
      ADMIN_USERNAME: 'admin',
      ADMIN_PASS: 'crash-test-pass',
      EGRESS_ALLOWLIST: '127.0.0.1/32',
      LOG_LEVEL: 'silent',
    };
    server = startServer(env);
    await waitReady(base);
    const login = await api(base, 'POST', '/api/v1/login', { user: 'admin', password: 'crash-test-pass' });
    const { userId, authToken } = login.json.data as { userId: string; authToken: string };
    const staff = { 'x-user-id': userId, 'x-auth-token': authToken };
    const set = async (id: string, value: unknown) =>
      expect((await api(base, 'POST', `/api/v1/settings/${id}`, { value }, staff)).status).toBe(200);
    await set('Livechat_webhookUrl', `${rx.url}/crm`);
    await set('Livechat_webhook_on_visitor_message', true);
    await set('Livechat_webhook_retry_delay_ms', 200);

    const rooms: { token: string; rid: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const token = `crash-visitor-${i}`;
      await api(base, 'POST', '/api/v1/livechat/visitor', { visitor: { token, name: `V${i}` } });
      const room = await api(base, 'GET', `/api/v1/livechat/room?token=${token}`);
      rooms.push({ token, rid: (room.json.room as { _id: string })._id });
    }

    // The burst: 10 writers; the process is killed once 150 messages have been acknowledged.
    const acknowledged = new Set<string>();
    let killed = false;
    const writers = rooms.map(async ({ token, rid }, w) => {
      for (let n = 0; n < 60 && !killed; n++) {
        const _id = `crash-${w}-${n}`;
        try {
          const r = await api(base, 'POST', '/api/v1/livechat/message', { token, rid, msg: `message ${n}`, _id });
          if (r.status === 200) acknowledged.add(_id);
        } catch {
          return; // connection refused or reset: the server is gone
        }
        if (acknowledged.size >= 150 && !killed) {
          killed = true;
          server!.kill('SIGKILL');
        }
      }
    });
    await Promise.all(writers);
    expect(killed).toBe(true);
    await new Promise<void>((resolve) =>
      server!.exitCode !== null || server!.signalCode !== null ? resolve() : server!.once('exit', () => resolve()),
    );
    const receivedBeforeRestart = rx.requests.length;

    server = startServer(env);
    await waitReady(base);

    const idsByMessage = new Map<string, Set<string>>();
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      idsByMessage.clear();
      for (const req of rx.requests) {
        const body = JSON.parse(req.body) as { messages: { _id: string }[] };
        const mid = body.messages[0]?._id;
        if (!mid) continue;
        const set = idsByMessage.get(mid) ?? new Set<string>();
        set.add(String(req.headers['webhook-id']));
        idsByMessage.set(mid, set);
      }
      if ([...acknowledged].every((id) => idsByMessage.has(id))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const missing = [...acknowledged].filter((id) => !idsByMessage.has(id));
    expect(missing).toEqual([]);
    // duplicates (in flight at the kill) keep their webhook-id, so a receiver can de-duplicate
    for (const [mid, ids] of idsByMessage) expect({ mid, ids: ids.size }).toEqual({ mid, ids: 1 });
    expect(acknowledged.size).toBeGreaterThanOrEqual(150);
    expect(receivedBeforeRestart).toBeLessThan(rx.requests.length);
    server.kill('SIGTERM');
    await new Promise<void>((resolve) => server!.once('exit', () => resolve()));
  }, 90_000);
});
