/**
 * `omnihook users ...` run as real processes on the SQLite file a running server (the app in
 * this process) has open: what an admin locked out of the UI would do.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASS, call, login, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { SERVER_CLI } from '../../scripts/build-server.ts';

const run = promisify(execFile);

describe('omnihook users', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await makeApp();
    env = { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => t.close());

  const cli = (args: string[]) => run('node', [SERVER_CLI, 'users', ...args], { env, timeout: 30_000 });
  const status = async (user: string, password: string) =>
    (await call(t, { method: 'POST', url: '/api/v1/login', payload: { user, password } })).status;

  it('creates a user the running server lets log in, and lists users', async () => {
    const c = await cli([
      'create',
      '--username',
      'nina',
      '--password',
      'nina-pass-123',
      '--name',
      'Nina',
      '--email',
      'nina@corp.test',
      '--roles',
      'livechat-agent,livechat-manager',
    ]);
    expect(c.stdout).toMatch(/^created nina \(\w+\) with roles livechat-agent,livechat-manager$/m);
    expect(await status('nina', 'nina-pass-123')).toBe(200);
    const table = (await cli(['list'])).stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    expect(table[0]).toEqual(['USERNAME', 'NAME', 'EMAIL', 'ROLES', 'ACTIVE']);
    expect(table).toContainEqual(['nina', 'Nina', 'nina@corp.test', 'livechat-agent,livechat-manager', 'yes']);
    expect(table.at(-1)).toEqual(['2 of 2']);
    const json = JSON.parse((await cli(['list', '--text', 'NIN', '--json'])).stdout) as {
      users: { username: string }[];
      total: number;
    };
    expect(json.total).toBe(1);
    expect(json.users[0]!.username).toBe('nina');
    expect(JSON.stringify(json)).not.toContain('password');
  });

  it('resets a password: generated and printed once, or given; the old sessions end', async () => {
    const session = await login(t.app, 'admin', ADMIN_PASS);
    const r = await cli(['reset-password', 'admin']);
    const generated = r.stdout.trim();
    expect(generated).toMatch(/^[\w-]{16,}$/);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: session })).status).toBe(401);
    expect(await status('admin', ADMIN_PASS)).toBe(401);
    expect(await status('admin', generated)).toBe(200);
    const given = await cli(['reset-password', 'admin', '--password', ADMIN_PASS]);
    expect(given.stdout).toBe('password of admin changed\n');
    expect(given.stdout).not.toContain(ADMIN_PASS);
    expect(await status('admin', ADMIN_PASS)).toBe(200);
  });

  it('sets roles, and refuses to leave the app without an active admin', async () => {
    await expect(cli(['set-roles', 'admin', 'livechat-agent'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('error-action-not-allowed'),
    });
    const r = await cli(['set-roles', 'nina', 'admin,livechat-agent']);
    expect(r.stdout).toBe('nina: admin,livechat-agent\n');
    // t.admin's session ended with the password reset above
    const admin = await login(t.app, 'admin', ADMIN_PASS);
    const info = await call(t, { method: 'GET', url: '/api/v1/users.info?username=nina', as: admin });
    expect((info.body.user as { roles: string[] }).roles).toEqual(['admin', 'livechat-agent']);
  });

  it('fails clearly on unknown users and bad arguments, changing nothing', async () => {
    await expect(cli(['reset-password', 'ghost'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('error-user-not-found'),
    });
    await expect(cli(['set-roles', 'nina', 'root'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('roles are a comma list'),
    });
    await expect(cli(['create', '--username', 'x', '--password', 'short-1'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('invalid-params'),
    });
    await expect(cli(['create', '--username', 'nina', '--password', 'nina-pass-456'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('error-username-taken'),
    });
    const list = JSON.parse((await cli(['list', '--json'])).stdout) as {
      users: { username: string; roles: string[] }[];
    };
    expect(list.users.map((u) => u.username)).toEqual(['admin', 'nina']);
    expect(list.users[1]!.roles).toEqual(['admin', 'livechat-agent']);
  });
});
