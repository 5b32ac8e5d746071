/**
 * Starts Omnihook in a child process exactly as `npm start` runs it: the built server
 * (scripts/build-server.ts, built once per benchmark process from this checkout) on plain node
 * with the start flags, configured only through the environment. No tsx in the process, so RSS
 * and CPU are what a user's server shows. Ready when /api/info answers; stopped with SIGTERM, the
 * server's own graceful stop (so `--cpu-prof` writes its profile).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Child } from './child.ts';
import { ADMIN_PASS } from './api.ts';
import { SERVER_NODE_FLAGS } from '../../src/config/node-flags.ts';
import { SERVER_MAIN, buildServer } from '../../scripts/build-server.ts';
import { sleep } from './stats.ts';

let built: Promise<void> | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(origin: string): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/api/info`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function startOmnihook(
  name: string,
  dbPath: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Child> {
  built ??= buildServer();
  await built;
  const port = await freePort();
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, SERVER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${dbPath}`,
      LOG_LEVEL: 'silent',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASS,
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (graceMs = 20_000) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(origin))) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`${name}: exited before it was ready (code ${proc.exitCode})`);
    if (Date.now() > deadline) {
      await stop(0);
      throw new Error(`${name}: not ready within 60 s`);
    }
    await sleep(50);
  }
  const noIpc = () => {
    throw new Error(`${name}: the server takes no IPC messages`);
  };
  return { name, port, proc, send: noIpc, request: () => Promise.reject(new Error('no IPC')), onMessage: noIpc, stop };
}
