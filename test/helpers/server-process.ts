/**
 * Omnihook as a real process (the built server, dist/server/main.js, with the flags `npm start`
 * passes; test/global-setup.ts builds it once per run), for the fault drills: its output is kept so a test can check what it logged, and `alive` tells whether
 * it is still running.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { request } from 'undici';
import { SERVER_NODE_FLAGS } from '../../src/config/node-flags.ts';
import { SERVER_MAIN } from '../../scripts/build-server.ts';

/** node's arguments for a server process, as `npm start` runs it. */
export const SERVER_ARGS: readonly string[] = [...SERVER_NODE_FLAGS, SERVER_MAIN];

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly base: string;
  readonly exited: Promise<number | null>;
  alive(): boolean;
  /** stdout and stderr so far (pino's JSON lines and the start-up messages). */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_USERNAME: 'admin',
      ADMIN_PASS: 'fault-drill-pass',
      EGRESS_ALLOWLIST: '127.0.0.1/32',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (c) => {
      code = c;
      resolve(c);
    }),
  );
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    exited,
    alive: () => code === undefined,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (code === undefined) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `path` answers 200 (or the process exits: then throws with its output). */
export async function waitFor200(p: ServerProcess, path = '/api/health/ready', ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!p.alive()) throw new Error(`server exited before ${path} answered:\n${p.output()}`);
    try {
      const r = await request(`${p.base}${path}`, { headersTimeout: 5000, bodyTimeout: 5000 });
      await r.body.text();
      if (r.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not answer 200 within ${ms} ms:\n${p.output()}`);
}

export interface Answer {
  status: number;
  json: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  ms: number;
}

export async function api(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const t0 = performance.now();
  const r = await request(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    headersTimeout: 60_000,
  });
  const text = await r.body.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (a 500 from something else): the status says enough
  }
  return { status: r.statusCode, json, headers: r.headers, ms: performance.now() - t0 };
}

export async function loginAdmin(base: string, password = 'fault-drill-pass'): Promise<Record<string, string>> {
  const r = await api(base, 'POST', '/api/v1/login', { user: 'admin', password });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.json)}`);
  const { userId, authToken } = r.json.data as { userId: string; authToken: string };
  return { 'x-user-id': userId, 'x-auth-token': authToken };
}
