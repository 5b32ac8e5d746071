/**
 * A migration run that fails, as an operator meets it in a real server process: the message
 * names the migration when one ran and failed, and says "migrations could not run" (with the
 * reason) when none did, never "migration  failed" with an empty name (issue 17).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';
import { migrate, openStore } from '../../src/store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'omnihook-migration-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a server on the file until it exits; the output it wrote. */
async function failedStart(file: string): Promise<string> {
  const p = await startServerProcess({ DATABASE_URL: `sqlite:${file}` });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after 60 s:\n${p.output()}`)), 60_000);
  });
  try {
    expect(await Promise.race([p.exited, timeout])).toBe(1);
    return p.output();
  } finally {
    clearTimeout(timer);
    if (p.alive()) await p.kill('SIGKILL');
  }
}

describe('migration errors at start', () => {
  it('a database migrated by a newer version: says which migration this build lacks and what to do', async () => {
    const file = join(dir, 'newer.db');
    const store = await openStore(`sqlite:${file}`);
    await migrate(store);
    await store.close();
    const db = new Database(file);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
      '9999_from_a_newer_version',
      new Date().toISOString(),
    );
    db.close();

    const out = await failedStart(file);
    expect(out).toContain(
      'omnihook: failed to start: migrations could not run: the database has migration 9999_from_a_newer_version, which this version of Omnihook does not know (a newer version migrated it): run that version, or restore a backup made before it',
    );
    expect(out).not.toMatch(/migration\s+failed/);
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a migration that fails: names it and gives the database reason', async () => {
    const file = join(dir, 'clash.db');
    // a table of the same name as the first migration's, left by something else
    const db = new Database(file);
    db.exec('create table users (id integer primary key)');
    db.close();

    const out = await failedStart(file);
    expect(out).toMatch(/omnihook: failed to start: migration 0001_initial failed: .*table "?users"? already exists/);
    expect(out).not.toMatch(/\n\s+at /);
  });
});
