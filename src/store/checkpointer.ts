/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
 * COMMIT crosses the threshold: it copies the log into the database and fsyncs, on the event loop,
 * and measured it was three quarters of the cost of a commit. Here the main connection never
 * checkpoints by itself; a second connection in a worker thread runs a PASSIVE checkpoint every
 * `intervalMs` (PASSIVE never blocks the writer), so the copying and the fsync happen there.
 *
 * PASSIVE alone never shrinks the log under steady writes: SQLite rewinds the WAL only when a
 * writer begins a transaction and finds every frame already copied back, and with commits arriving
 * all the time some always are not (the WAL grew 38 MB/s at 1,000 events/s). A blocking
 * checkpoint (TRUNCATE) bounds it, but it holds the write lock while it copies and syncs, and the
 * writer waiting for it sleeps in SQLite's busy handler, whose back-off steps (1, 2, 5, 10 ... 100
 * ms) added up to 228 ms: measured, the API stopped for up to 234 ms every few seconds under load.
 * So the log is rewound by the writer itself (`walRewind`, after a group commit): once the file
 * passes `truncateAboveBytes`, the writer runs one PASSIVE checkpoint of its own between two
 * transactions, copying only what the background checkpoint has not copied yet, and its next
 * BEGIN starts the log again from the top (`journal_size_limit`, open.ts, cuts the file back).
 * TRUNCATE stays for the cases the writer cannot cover: the log is over the threshold and no
 * commit has touched it for a while (an idle server, nobody would wait), or the log is four times
 * over it (a reader kept the writer from rewinding), where a pause is better than a full disk.
 * Durability is unchanged: a commit is in the WAL file before it is acknowledged either way.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('journal_size_limit = ' + workerData.truncateAboveBytes);
// The size is looked at often (a stat is cheap; the log can grow tens of MB a second), the
// PASSIVE checkpoint runs every intervalMs. "Idle": no commit wrote the log for idleMs.
let lastPassive = 0;
const wal = () => { try { return statSync(workerData.path + '-wal'); } catch { return undefined; } };
const timer = setInterval(() => {
  try {
    const st = wal();
    const size = st ? st.size : 0;
    const idle = st !== undefined && Date.now() - st.mtimeMs >= workerData.idleMs;
    if (size > workerData.truncateAboveBytes && (idle || size > 4 * workerData.truncateAboveBytes)) {
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
    intervalMs: opts.intervalMs ?? 50,
    checkMs: Math.min(opts.intervalMs ?? 50, 100),
    idleMs: Math.max(4 * Math.min(opts.intervalMs ?? 50, 100), 200),
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

/** How often the writer looks at the log's size, ms (a stat call). */
const REWIND_CHECK_MS = 100;

/**
 * The writer's side (see the top of this file): call after each COMMIT, outside any transaction.
 * Once the log is over `truncateAboveBytes` it checkpoints on the writer's own connection, which
 * never waits for a lock (it is the writer, and PASSIVE skips what readers still use), so that its
 * next transaction can start the log from the top.
 */
export function walRewind(
  checkpoint: () => void,
  walPath: string,
  truncateAboveBytes = DEFAULT_WAL_TRUNCATE_BYTES,
): () => void {
  let nextCheck = 0;
  return () => {
    const now = performance.now();
    if (now < nextCheck) return;
    nextCheck = now + REWIND_CHECK_MS;
    let size = 0;
    try {
      size = statSync(walPath).size;
    } catch {
      return; // no log yet
    }
    if (size <= truncateAboveBytes) return;
    try {
      checkpoint();
    } catch {
      // busy or failing disk: the background checkpointer and the next check try again
    }
  };
}
