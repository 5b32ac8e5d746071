/**
 * Child processes for the benchmarks: each server runs in its own process (started with
 * `node --import tsx`, like `npm start`) so it gets its own event loop and core, while the load
 * generator runs in the parent. The child reports `{ type: 'ready', port }` over IPC.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

export interface Child {
  readonly name: string;
  readonly port: number;
  readonly proc: ChildProcess;
  send(msg: Record<string, unknown>): void;
  /** Sends `msg` and resolves with the first reply whose type is `replyType`. */
  request<T extends ChildMessage>(msg: Record<string, unknown>, replyType: string, timeoutMs?: number): Promise<T>;
  onMessage(fn: (msg: ChildMessage) => void): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  readyTimeoutMs?: number;
  /** Show the child's stdout (stderr is always shown). */
  stdout?: boolean;
}

/** Path of a script under bench/servers. */
export function serverScript(name: string): string {
  return fileURLToPath(new URL(`../servers/${name}.ts`, import.meta.url));
}

export function spawnChild(name: string, script: string, opts: SpawnOptions = {}): Promise<Child> {
  const proc = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(opts.nodeArgs ?? [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.stdout ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const listeners = new Set<(msg: ChildMessage) => void>();
  proc.on('message', (raw) => {
    const msg = raw as ChildMessage;
    for (const fn of listeners) fn(msg);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${name}: not ready within ${opts.readyTimeoutMs ?? 30_000} ms`));
    }, opts.readyTimeoutMs ?? 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited before it was ready (code ${code})`));
    };
    proc.once('exit', onExit);
    const onReady = (msg: ChildMessage) => {
      if (msg.type !== 'ready') return;
      listeners.delete(onReady);
      clearTimeout(timer);
      proc.off('exit', onExit);
      const child: Child = {
        name,
        port: Number(msg.port),
        proc,
        send: (m) => {
          if (proc.connected) proc.send(m);
        },
        request: <T extends ChildMessage>(m: Record<string, unknown>, replyType: string, timeoutMs = 10_000) =>
          new Promise<T>((res, rej) => {
            const t = setTimeout(() => {
              listeners.delete(fn);
              rej(new Error(`${name}: no ${replyType} reply within ${timeoutMs} ms`));
            }, timeoutMs);
            const fn = (reply: ChildMessage) => {
              if (reply.type !== replyType) return;
              clearTimeout(t);
              listeners.delete(fn);
              res(reply as T);
            };
            listeners.add(fn);
            proc.send(m);
          }),
        onMessage: (fn) => void listeners.add(fn),
        stop: async (graceMs = 20_000) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          proc.kill('SIGTERM');
          const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(t);
        },
      };
      resolve(child);
    };
    listeners.add(onReady);
  });
}

/**
 * CPU time (user + system, all threads) a process has used so far, in microseconds, from
 * /proc/<pid>/stat (Linux; clock ticks of 10 ms, fine over rounds of seconds). Undefined elsewhere.
 */
export function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? (ticks * 1e6) / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** For child scripts: report readiness and stop cleanly on SIGTERM / SIGINT / parent exit. */
export function childReady(port: number, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    close().then(
      () => process.exit(0), // a normal exit, so --cpu-prof writes its profile
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown); // the parent died: never outlive it
  process.send?.({ type: 'ready', port });
}
