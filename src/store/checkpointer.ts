/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
 * COMMIT crosses the threshold: it copies the log into the database and fsyncs, on the event loop,
 * and measured it was three quarters of the cost of a commit. Here the main connection never
 * checkpoints; a second connection in a worker thread runs a PASSIVE checkpoint every second
 * (PASSIVE never blocks the writer), so the fsync happens on another thread.
 *
 * PASSIVE alone never shrinks the log under steady writes: SQLite rewinds the WAL only when a
 * writer finds every frame already copied back, and with commits arriving all the time some
 * always are not. The WAL then grew without limit (38 MB/s at 1,000 events/s). So once the file
 * passes `truncateAboveBytes` the checkpoint is TRUNCATE: it waits (on this thread, up to the busy
 * timeout) until the writer is between transactions, copies everything back and cuts the file to
 * zero; if it cannot get in, it retries at the next check (every 100 ms). `journal_size_limit` (open.ts) bounds what
 * a rewound log keeps on disk as well.
 * Durability is unchanged: a commit is in the WAL file before it is acknowledged either way.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('journal_size_limit = ' + workerData.truncateAboveBytes);
const walSize = () => { try { return statSync(workerData.path + '-wal').size; } catch { return 0; } };
// The size is looked at often (a stat is cheap; the log can grow tens of MB a second), the
// PASSIVE checkpoint runs every intervalMs.
let lastPassive = 0;
const timer = setInterval(() => {
  try {
    if (walSize() > workerData.truncateAboveBytes) {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } else if (Date.now() - lastPassive >= workerData.intervalMs) {
      lastPassive = Date.now();
      db.pragma('wal_checkpoint(PASSIVE)');
    }
  } catch { /* busy or closing: try next time */ }
}, workerData.checkMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); try { db.close(); } catch {} parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** WAL size above which the checkpoint truncates the log, bytes. */
  truncateAboveBytes?: number;
  /** How long a TRUNCATE checkpoint may wait for the writer, ms. */
  busyTimeoutMs?: number;
}

export const DEFAULT_WAL_TRUNCATE_BYTES = 16 * 1024 * 1024;

export function startCheckpointer(path: string, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const workerData = {
    path,
    driver,
    intervalMs: opts.intervalMs ?? 1000,
    checkMs: Math.min(opts.intervalMs ?? 1000, 100),
    truncateAboveBytes: opts.truncateAboveBytes ?? DEFAULT_WAL_TRUNCATE_BYTES,
    busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
  };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
  worker.unref();
  worker.on('error', () => undefined); // a failed checkpointer leaves the WAL to grow until restart
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(done);
          resolve();
        });
        worker.postMessage('stop');
      }),
  };
}
