/**
 * One server per SQLite file (docs/architecture.md, rule 2). The lock is an OS file lock, taken
 * through SQLite itself: a small side database `<db>.server-lock` on which the server opens an
 * EXCLUSIVE transaction and never ends it. SQLite holds that with fcntl() locks, which the kernel
 * drops when the process dies, kill -9 included, so a crashed server never blocks its restart
 * (a pid file alone would, or would need a liveness guess). Node has no flock() of its own and
 * better-sqlite3 is already here: no native addon is added.
 *
 * The holder's pid, host and start time go to `<db>.server.json` beside it, only to name it in the
 * refusal; the lock decides, the note just describes it (a stale note is overwritten by the next
 * holder). The CLI never takes the lock: it may open the database beside a running server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import SQLite from 'better-sqlite3';

export class ServerLockedError extends Error {}

export interface ServerLock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export function takeServerLock(dbPath: string, now: () => number = Date.now): ServerLock {
  const lockPath = `${dbPath}.server-lock`;
  const notePath = `${dbPath}.server.json`;
  const lock = new SQLite(lockPath);
  try {
    // no waiting: a held lock means a live server, now
    lock.pragma('busy_timeout = 0');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new ServerLockedError(refusal(dbPath, notePath));
    throw err;
  }
  const holder: Holder = { pid: process.pid, host: hostname(), since: new Date(now()).toISOString() };
  writeFileSync(notePath, `${JSON.stringify(holder)}\n`);
  return {
    release() {
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    },
  };
}

function refusal(dbPath: string, notePath: string): string {
  let who = 'another Omnihook server';
  try {
    const h = JSON.parse(readFileSync(notePath, 'utf8')) as Partial<Holder>;
    if (typeof h.pid === 'number') who += ` (pid ${h.pid} on host ${h.host ?? '?'}, since ${h.since ?? '?'})`;
  } catch {
    // the note is missing or half-written: the holder started a moment ago
  }
  return (
    `${who} already serves the SQLite database ${dbPath}. SQLite allows one server per database file. ` +
    'To run several server processes, use PostgreSQL (DATABASE_URL=postgres://user@host:5432/db); ' +
    'the omnihook CLI may still be used beside the running server.'
  );
}
