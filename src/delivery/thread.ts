/**
 * The delivery engine on a worker thread of its own (issue 16), seen from the API thread: with
 * the API and delivery each on a core, a busy API no longer starves delivery on one event loop.
 *
 * The API thread hands every commit's fresh deliveries over in memory (batched per tick, one
 * message), passes Rocket.Chat's retry settings on when they change, and takes back live events
 * and log lines. The thread has its own store connection; the store stays the truth, so a
 * message lost with a dying thread costs latency only (polling finds the rows). A thread that
 * dies unexpectedly is logged and started again.
 *
 * Built (`npm start` runs dist/server, scripts/build-server.ts): the thread is thread-main.js next
 * to this module. Under tsx (the CLI, vitest): a worker thread does not inherit the loader hooks
 * tsx registers (its execArgv `--import tsx` is not enough on Node 20), so the thread starts with
 * a small bootstrap that registers tsx's API and then imports thread-main.ts.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import type { LivePublisher } from '../domain/live-events.ts';
import type { Log, WakeupSlot } from './ports.ts';
import type { RocketChatRetry } from './retry.ts';
import type { FromThread, ThreadInit, ToThread } from './thread-protocol.ts';
import type { WorkerOptions } from './worker.ts';
import type { RunningWorker } from './start.ts';
import type { Outbox } from '../store/outbox/index.ts';
import { writeServer } from './thread-writes.ts';

export interface ThreadDeps {
  databaseUrl: string;
  databaseTimeoutMs: number;
  egressAllowlist: readonly string[];
  disableFailingEndpointAfterMs: number;
  wakeups: WakeupSlot;
  live: LivePublisher;
  /** The API thread's outbox: SQLite writes of the thread run on it (thread-writes.ts). */
  outbox: Outbox;
  rocketchatRetry(): RocketChatRetry;
  log: Log;
}

/** How often the retry settings are compared with what the thread was told, ms. */
const SETTINGS_SYNC_MS = 1000;
/** The pause before a dead thread is started again, doubling while it keeps dying, ms. */
const RESTART_DELAY_MS = 1000;
const RESTART_DELAY_MAX_MS = 30_000;
/**
 * The thread's V8 heap. Its live set is small and bounded (about 15 MB after a full GC while
 * draining a backlog: the hand-off queue holds at most FRESH_MAX entries), but with V8's defaults
 * the heap grew to 75 MB of mostly garbage before collecting, which took a server past 300 MB.
 * A thread that still ran out would be started again (above); its rows wait in the store.
 */
const THREAD_HEAP = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

function bootstrap(): { code: string; eval: true } | { url: URL; eval: false } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { url: new URL('./thread-main.js', self), eval: false };
  // the import condition of tsx's API, next to the require one that createRequire resolves
  const api = pathToFileURL(createRequire(self).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./thread-main.ts', self).href;
  return {
    eval: true,
    code: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
  };
}

export interface DeliveryThread extends RunningWorker {
  /** Resolves once the thread's store is open and its worker started. */
  readonly ready: Promise<void>;
}

export function startDeliveryThread(deps: ThreadDeps, options: WorkerOptions = {}): DeliveryThread {
  let worker: Worker | undefined;
  let stopping = false;
  let pending: FreshDelivery[] = [];
  let plainWake = false;
  let flushQueued = false;
  let told = deps.rocketchatRetry();
  let stopped: (() => void) | undefined;
  let markReady: () => void = () => undefined;
  let restartDelay = RESTART_DELAY_MS;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const send = (m: ToThread) => worker?.postMessage(m);
  const write = writeServer(deps.outbox, deps.disableFailingEndpointAfterMs);

  const syncRetry = () => {
    const now = deps.rocketchatRetry();
    if (now.count !== told.count || now.delayMs !== told.delayMs) {
      told = now;
      send({ t: 'retry', retry: now });
    }
  };

  const flush = () => {
    flushQueued = false;
    syncRetry(); // a settings change lands before the deliveries it applies to
    if (pending.length > 0 || plainWake) send({ t: 'fresh', items: pending });
    pending = [];
    plainWake = false;
  };

  const spawnThread = () => {
    const boot = bootstrap();
    const init: ThreadInit = {
      databaseUrl: deps.databaseUrl,
      databaseTimeoutMs: deps.databaseTimeoutMs,
      egressAllowlist: [...deps.egressAllowlist],
      disableFailingEndpointAfterMs: deps.disableFailingEndpointAfterMs,
      retry: told,
      options,
    };
    const w = boot.eval
      ? new Worker(boot.code, { eval: true, workerData: init, resourceLimits: THREAD_HEAP })
      : new Worker(boot.url, { workerData: init, resourceLimits: THREAD_HEAP });
    worker = w;
    // replies go back one message per turn, like the thread's own messages
    let replies: ToThread[] = [];
    const reply = (m: ToThread) => {
      if (replies.length === 0)
        setImmediate(() => {
          const batch = replies;
          replies = [];
          w.postMessage(batch);
        });
      replies.push(m);
    };
    const handle = (m: FromThread) => {
      switch (m.t) {
        case 'ready':
          restartDelay = RESTART_DELAY_MS;
          markReady();
          return;
        case 'live':
          deps.live.publish(m.event);
          return;
        case 'call': {
          const id = m.id;
          write(m.op, m.args).then(
            (value) => reply({ t: 'reply', id, ok: true, value }),
            (err: unknown) =>
              reply({ t: 'reply', id, ok: false, message: err instanceof Error ? err.message : String(err) }),
          );
          return;
        }
        case 'log':
          deps.log[m.level](m.obj, m.msg);
          return;
        case 'stopped':
          stopped?.();
          return;
        case 'failed':
          deps.log.error({ err: m.message }, 'the delivery thread failed to start');
          return;
      }
    };
    w.on('message', (batch: FromThread[]) => {
      for (const m of batch) handle(m);
    });
    w.on('error', (err) => deps.log.error({ err: err.message }, 'the delivery thread crashed'));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      stopped?.();
      if (stopping) return;
      deps.log.error({ code, restartInMs: restartDelay }, 'the delivery thread exited; starting it again');
      setTimeout(() => {
        if (!stopping) spawnThread();
      }, restartDelay).unref();
      restartDelay = Math.min(restartDelay * 2, RESTART_DELAY_MAX_MS);
    });
  };

  spawnThread();
  deps.wakeups.set((fresh) => {
    if (fresh) for (const d of fresh) pending.push(d);
    else plainWake = true;
    if (!flushQueued) {
      flushQueued = true;
      setImmediate(flush);
    }
  });
  const sync = setInterval(syncRetry, SETTINGS_SYNC_MS);
  sync.unref();

  return {
    ready,
    async stop() {
      if (stopping) return;
      stopping = true;
      deps.wakeups.set(undefined);
      clearInterval(sync);
      const w = worker;
      if (!w) return;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      w.postMessage({ t: 'stop' } satisfies ToThread);
      // the worker's own stop is bounded (stopTimeoutMs + abort grace + agent close)
      const bound = (options.stopTimeoutMs ?? 10_000) + 5_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, bound)))]);
      clearTimeout(timer);
      await w.terminate();
    },
  };
}
