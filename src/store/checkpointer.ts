/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever
 * COMMIT crosses the threshold: it copies the log into the database and fsyncs, on the event loop,
 * and measured it was three quarters of the cost of a commit. Here the main connection never
 * checkpoints; a second connection in a worker thread runs a PASSIVE checkpoint every second
 * (PASSIVE never blocks the writer), so the fsync happens on another thread.
 * Durability is unchanged: a commit is in the WAL file before it is acknowledged either way.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: try next time */ }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); try { db.close(); } catch {} parentPort.close(); }
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, intervalMs = 1000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, intervalMs } });
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
