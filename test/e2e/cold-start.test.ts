/**
 * Starting up, as real processes:
 * - three servers started at once on an empty PostgreSQL schema all come up (migrations one at a
 *   time under an advisory lock; one admin seeded, the others lose the race quietly);
 * - a second server on a SQLite file that one already serves is refused, naming the first and
 *   pointing at PostgreSQL, while the CLI still works beside it; after kill -9 the lock is gone.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL, postgresAvailable, withPgClient } from '../helpers/db.ts';
import { api, loginAdmin, startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { newId } from '../../src/domain/ids.ts';

const run = promisify(execFile);
const available = await postgresAvailable();
const started: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(started.map((p) => p.kill('SIGKILL')));
});

/** A DATABASE_URL on a schema of its own: the server reads `options` from the URL. */
function schemaUrl(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

describe.skipIf(!available)('cold start on an empty PostgreSQL database', () => {
  const schema = `t_${newId(12).toLowerCase()}`;
  afterAll(async () => {
    await withPgClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  });

  it('three processes started together all serve, with one admin', async () => {
    await withPgClient((c) => c.query(`CREATE SCHEMA ${schema}`));
    const env = { DATABASE_URL: schemaUrl(schema), OMNIHOOK_WORKER: 'false' };
    const procs = await Promise.all([0, 1, 2].map(() => startServerProcess(env)));
    started.push(...procs);
    await Promise.all(procs.map((p) => waitFor200(p, '/api/health/ready', 60_000)));
    for (const p of procs) {
      expect(p.alive(), p.output()).toBe(true);
      expect(p.output()).not.toMatch(/duplicate key|failed to start/);
      await loginAdmin(p.base);
    }
    const admins = (await withPgClient((c) =>
      c.query(`SELECT count(*)::int AS n FROM ${schema}.users WHERE username = 'admin'`),
    )) as { rows: { n: number }[] };
    expect(admins.rows[0]!.n).toBe(1);
    const migrations = (await withPgClient((c) =>
      c.query(`SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM ${schema}.kysely_migration`),
    )) as { rows: { n: number; d: number }[] };
    expect(migrations.rows[0]!.n).toBeGreaterThan(0);
    expect(migrations.rows[0]!.n).toBe(migrations.rows[0]!.d);
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
  }, 120_000);
});

describe('a second server on one SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-second-'));
  const url = `sqlite:${join(dir, 'one.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused with the first one named, the CLI works beside it, and kill -9 frees the file', async () => {
    const first = await startServerProcess({ DATABASE_URL: url });
    started.push(first);
    await waitFor200(first);

    const second = await startServerProcess({ DATABASE_URL: url });
    started.push(second);
    expect(await second.exited).toBe(1);
    const refusal = second.output();
    expect(refusal).toContain(`already serves the SQLite database ${join(dir, 'one.db')}`);
    expect(refusal).toContain(`pid ${first.child.pid}`);
    expect(refusal).toMatch(/on host \S+, since \d{4}-\d\d-\d\dT/);
    expect(refusal).toContain('use PostgreSQL');
    // the first one was not disturbed
    expect((await api(first.base, 'GET', '/api/health/ready')).status).toBe(200);

    const cli = await run('node', ['bin/omnihook.js', 'webhooks', 'list'], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    expect(cli.stdout).toContain('rocketchat');

    // kill -9 leaves the note behind, but the OS lock went with the process
    first.child.kill('SIGKILL');
    await first.exited;
    const third = await startServerProcess({ DATABASE_URL: url });
    started.push(third);
    await waitFor200(third);
    await loginAdmin(third.base);
    expect(await third.kill('SIGTERM')).toBe(0);
  }, 120_000);
});
