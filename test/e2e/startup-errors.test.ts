/**
 * Start-up failures as an operator meets them (issue 17), in real server processes: each names
 * the cause and the setting that fixes it; the first admin's password is printed only by a
 * server that listens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import { describeStartupError } from '../../src/config/startup-errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'omnihook-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exitOf(p: Awaited<ReturnType<typeof startServerProcess>>, ms = 60_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${p.output()}`)), ms);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
    if (p.alive()) await p.kill('SIGKILL');
  }
}

// Each case starts one or two real server processes: on a loaded two-core machine one start can take 15 s.
describe('start-up errors', { timeout: 90_000 }, () => {
  it('PostgreSQL unreachable: names host:port and the code, and says what to check', async () => {
    const port = await freePort(); // nothing listens there
    const p = await startServerProcess({ DATABASE_URL: `postgres://omnihook@127.0.0.1:${port}/omnihook` });
    expect(await exitOf(p)).toBe(1);
    expect(p.output()).toContain(
      `omnihook: failed to start: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): is it running? check DATABASE_URL`,
    );
    expect(p.output()).not.toMatch(/migration\s+failed/);
    expect(p.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('port in use: says so and creates no admin; the next start prints the password after it listens', async () => {
    const db = `sqlite:${join(dir, 'first-run.db')}`;
    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const refused = await startServerProcess({ DATABASE_URL: db, PORT: String(port), ADMIN_PASS: '' });
      expect(await exitOf(refused)).toBe(1);
      expect(refused.output()).toContain(`omnihook: failed to start: port ${port} is in use: set PORT`);
      expect(refused.output()).not.toContain('password');
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
    const ok = await startServerProcess({ DATABASE_URL: db, ADMIN_PASS: '', LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    try {
      await waitFor200(ok);
      const deadline = Date.now() + 30_000;
      while (!ok.output().includes('with password:') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const out = ok.output();
      const listening = out.indexOf('Server listening at');
      const password = out.indexOf('Omnihook created the admin user "admin" with password: ');
      expect(listening).toBeGreaterThanOrEqual(0);
      expect(password).toBeGreaterThan(listening);
    } finally {
      await ok.kill();
    }
  });

  it('writes JSON lines when stdout is not a terminal, readable lines with LOG_FORMAT=pretty', async () => {
    const db = `sqlite:${join(dir, 'format.db')}`;
    for (const [format, json] of [
      ['auto', true],
      ['pretty', false],
    ] as const) {
      const p = await startServerProcess({ DATABASE_URL: db, LOG_LEVEL: 'info', LOG_FORMAT: format });
      try {
        await waitFor200(p);
        const deadline = Date.now() + 30_000;
        while (!p.output().includes('Server listening') && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        const line = p
          .output()
          .split('\n')
          .find((l) => l.includes('Server listening'))!;
        if (json) expect(JSON.parse(line)).toMatchObject({ level: 30, msg: expect.stringContaining('listening') });
        else expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+/);
      } finally {
        await p.kill();
      }
    }
  });

  it('describes the other known causes with the setting that fixes them', () => {
    const where = { databaseUrl: 'postgres://bob:pw@db.lan:6543/crm', port: 80, host: '10.9.9.9' };
    const err = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(describeStartupError(err('28P01', 'password authentication failed'), where)).toMatch(
      /^PostgreSQL at db\.lan:6543 refused the login of bob .*check the user and password in DATABASE_URL$/,
    );
    expect(describeStartupError(err('3D000'), where)).toContain('has no database "crm"');
    expect(describeStartupError(err('EACCES', 'listen EACCES: permission denied 0.0.0.0:80'), where)).toBe(
      'port 80 needs privileges this process lacks: set PORT to 1024 or above',
    );
    expect(describeStartupError(err('EADDRNOTAVAIL'), where)).toContain('set HOST');
    const both = new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')], '');
    expect(describeStartupError(both, where)).toBe(
      'cannot reach PostgreSQL at db.lan:6543 (ECONNREFUSED): is it running? check DATABASE_URL',
    );
    expect(describeStartupError(new Error('something else'), where)).toBe('something else');
  });
});
