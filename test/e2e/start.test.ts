/**
 * The server as `npm start` runs it: a generated admin password printed once on the first start,
 * config errors refused with a clear message, /api/info once ready, SIGTERM closing cleanly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { SERVER_ARGS } from '../helpers/server-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'omnihook-start-'));

function server(env: Record<string, string>) {
  const child = spawn(process.execPath, SERVER_ARGS, {
    env: {
      ...process.env,
      ADMIN_PASS: '',
      ADMIN_USERNAME: '',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'start.db')}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => out, err: () => err };
}

async function ready(port: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const r = await request(`http://127.0.0.1:${port}/api/info`);
      if (r.statusCode === 200) return (await r.body.json()) as Record<string, unknown>;
      await r.body.text();
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not ready');
}

describe('npm start', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a generated admin password once, serves, and stops cleanly on SIGTERM', async () => {
    const port = 32000 + Math.floor(Math.random() * 2000);
    const first = server({ PORT: String(port) });
    expect(await ready(port)).toMatchObject({ success: true });
    const password = /with password: (\S+)/.exec(first.out())?.[1];
    expect(password).toBeTruthy();
    const login = await request(`http://127.0.0.1:${port}/api/v1/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin', password }),
    });
    expect(login.statusCode).toBe(200);
    await login.body.text();
    // The build finds files by the package's folder, not by its own depth (src/version.ts).
    const icon = await request(`http://127.0.0.1:${port}/favicon.svg`);
    expect(icon.statusCode).toBe(200);
    expect(await icon.body.text()).toContain('<svg');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = server({ PORT: String(port) });
    await ready(port);
    expect(second.out()).not.toContain('password');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);

  it('refuses a bad configuration with a clear message', async () => {
    const bad = server({ PORT: 'eighty' });
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('invalid configuration: PORT must be a whole number');
  });
});
