/**
 * The delivery thread's entry (issue 16): its own store connection (SQLite: a second connection
 * to the same WAL file; PostgreSQL: a pool of its own), the same DeliveryWorker as in-process,
 * fed hand-offs and wake-ups by the API thread. Live events and log lines go back to it, so
 * the process keeps one hub and one logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/open.ts';
import { storeOutbox } from '../store/outbox/index.ts';
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import { DeliveryWorker } from './worker.ts';
import type { Log } from './ports.ts';
import type { FromThread, LogLevel, ThreadInit, ToThread, WriteOp } from './thread-protocol.ts';
import { remoteWrites } from './thread-writes.ts';
import type { RocketChatRetry } from './retry.ts';

const port = parentPort!;
/** The thread's SQLite page cache, MiB (the API thread's connection has its own). */
const THREAD_CACHE_MIB = 8;
const init = workerData as ThreadInit;

// What the thread sends goes out as one message per turn of its loop (records, live events and
// log lines of a burst together): a message between threads costs more than most of them.
let out: FromThread[] = [];
let flushQueued = false;

function flush(): void {
  flushQueued = false;
  if (out.length === 0) return;
  port.postMessage(out);
  out = [];
}

function post(m: FromThread, now = false): void {
  out.push(m);
  if (now) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

function logAt(level: LogLevel) {
  return (obj: object, msg: string) => post({ t: 'log', level, obj, msg });
}
const log: Log = { info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

async function main(): Promise<void> {
  const store = await openStore(init.databaseUrl, {
    timeoutMs: init.databaseTimeoutMs,
    checkpoint: false,
    poolSize: 4,
    // it only reads (hand-offs by id, the events just written, endpoint limits): recent pages
    cacheMiB: THREAD_CACHE_MIB,
    onError: (err) => log.warn({ err: err.message }, 'delivery thread: database connection lost; reconnecting'),
  });
  let retry: RocketChatRetry = init.retry;
  // SQLite: writes go to the API thread's connection (thread-writes.ts); PostgreSQL: our own pool
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextCall = 0;
  const call = (op: WriteOp, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextCall++;
      calls.set(id, { resolve, reject });
      post({ t: 'call', id, op, args });
    });
  const local = storeOutbox(store);
  const outbox = store.caps.singleProcess ? remoteWrites(local, call) : local;
  let wake: ((fresh?: readonly FreshDelivery[]) => void) | undefined;
  const worker = new DeliveryWorker(
    {
      outbox,
      live: { publish: (event) => post({ t: 'live', event }) },
      wakeups: { set: (fn) => (wake = fn) },
      rocketchatRetry: () => retry,
      egressAllowlist: init.egressAllowlist,
      disableFailingEndpointAfterMs: init.disableFailingEndpointAfterMs,
      log,
      now: Date.now,
    },
    init.options,
  );
  let stopping = false;
  port.on('message', (batch: ToThread | ToThread[]) => {
    for (const m of Array.isArray(batch) ? batch : [batch]) handle(m);
  });
  const handle = (m: ToThread) => {
    if (m.t === 'reply') {
      const c = calls.get(m.id);
      calls.delete(m.id);
      if (m.ok) c?.resolve(m.value);
      else c?.reject(new Error(m.message));
    } else if (m.t === 'fresh') wake?.(m.items.length > 0 ? m.items : undefined);
    else if (m.t === 'retry') retry = m.retry;
    else if (m.t === 'stop' && !stopping) {
      stopping = true;
      void worker
        .stop()
        .catch((err: unknown) => log.error({ err: String(err) }, 'delivery thread: stop failed'))
        .then(() => store.close())
        .catch(() => undefined)
        .finally(() => {
          post({ t: 'stopped' }, true);
          port.close();
        });
    }
  };
  worker.start();
  post({ t: 'ready' });
}

main().catch((err: unknown) => {
  post({ t: 'failed', message: err instanceof Error ? err.message : String(err) }, true);
  // ends this thread only; the API thread starts another after a pause
  process.exit(1);
});
