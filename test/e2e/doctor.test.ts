/**
 * `omnihook doctor` as a real process (issue 17): the configuration, the database (there,
 * reachable, migrated), the port, the egress policy for each endpoint URL and SMTP (connect and
 * EHLO to a real SMTP server on loopback), each with what to fix, and a non-zero exit code when
 * something needs fixing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { startSmtp, useSmtp } from '../helpers/smtp.ts';
import type { LocalSmtp } from '../helpers/smtp.ts';
import { setSetting } from '../helpers/livechat.ts';
import { freePort } from '../helpers/server-process.ts';

const run = promisify(execFile);
const BIN = resolve('bin/omnihook.js');

interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

describe('omnihook doctor', { timeout: 300_000 }, () => {
  let t: TestApp;
  let smtp: LocalSmtp;
  let env: NodeJS.ProcessEnv;
  let port: number;
  const scratch = mkdtempSync(join(tmpdir(), 'omnihook-doctor-'));
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/crm', events: ['Message'], description: 'Local CRM' },
    });
    smtp = await startSmtp();
    await useSmtp(t, smtp);
    // the app of this test is "the server": it listens, so doctor finds it on PORT
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    env = {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      EGRESS_ALLOWLIST: '127.0.0.1/32',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs doctor; resolves with its exit code and output either way. */
  const doctor = (more: NodeJS.ProcessEnv = {}, args: string[] = [], cwd?: string) =>
    run('node', [BIN, 'doctor', ...args], { env: { ...env, ...more }, timeout: 120_000, cwd }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const findings = (stdout: string) => (JSON.parse(stdout) as { ok: boolean; findings: Finding[] }).findings;

  it('finds nothing to fix on a healthy setup, and says what it checked', async () => {
    const r = await doctor();
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^ok {4}database {7}migrated \((\d+) of \1\)$/));
    expect(lines).toContainEqual(`ok    port           a server answers on http://127.0.0.1:${port} (ready)`);
    expect(lines).toContainEqual('ok    egress         Local CRM (http://127.0.0.1:9/crm): allowed (127.0.0.1)');
    expect(lines).toContainEqual(`ok    smtp           127.0.0.1:${smtp.port} answered EHLO`);
    expect(lines.at(-1)).toBe('nothing to fix');
    expect(smtp.inbox).toHaveLength(0); // EHLO only: no mail sent
  });

  it('flags a URL the egress policy refuses, an allowlist typo and an unreachable SMTP server, with fixes', async () => {
    const closed = await freePort();
    await setSetting(t, 'SMTP_Port', closed);
    try {
      const [text, json] = await Promise.all([
        doctor({ EGRESS_ALLOWLIST: '' }),
        doctor({ EGRESS_ALLOWLIST: '127.0.0.1/33' }, ['--json']),
      ]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        'FAIL  egress         Local CRM (http://127.0.0.1:9/crm): 127.0.0.1 is a loopback address: the egress policy refuses it\n' +
          "                     fix: if this receiver is meant to be reached, add 127.0.0.1/32 to EGRESS_ALLOWLIST in the server's environment\n",
      );
      expect(text.stdout).toMatch(new RegExp(`FAIL  smtp {11}127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`));
      expect(text.stdout).toContain('fix: check SMTP_Host and SMTP_Port in Settings');
      expect(text.stdout.trim().split('\n').at(-1)).toBe('2 problem(s) to fix');

      expect(json.code).toBe(1);
      const f = findings(json.stdout);
      expect(JSON.parse(json.stdout).ok).toBe(false);
      expect(f.filter((x) => x.status === 'fail').map((x) => x.check)).toEqual(['configuration', 'egress', 'smtp']);
      expect(f.find((x) => x.check === 'configuration' && x.status === 'fail')!.detail).toContain(
        'EGRESS_ALLOWLIST entry "127.0.0.1/33" is neither an IP address nor a CIDR',
      );
    } finally {
      await setSetting(t, 'SMTP_Port', smtp.port);
    }
  });

  it('reports a missing database without creating it, and an unreachable PostgreSQL', async () => {
    const closed = await freePort();
    const [missing, pg, badConfig] = await Promise.all([
      doctor({ DATABASE_URL: '' }, [], scratch),
      doctor({ DATABASE_URL: `postgres://omnihook@127.0.0.1:${closed}/omnihook` }, ['--json']),
      doctor({ PORT: 'eighty' }),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      `FAIL  database       no database at ./data/omnihook.db (${join(scratch, 'data', 'omnihook.db')})`,
    );
    expect(missing.stdout).toContain('skip  egress         needs the database');
    expect(readdirSync(scratch)).toEqual([]);

    expect(pg.code).toBe(1);
    expect(findings(pg.stdout)).toContainEqual({
      check: 'database',
      status: 'fail',
      detail: `cannot reach PostgreSQL at 127.0.0.1:${closed} (ECONNREFUSED): is it running? check DATABASE_URL`,
      fix: 'start the database or correct DATABASE_URL',
    });

    expect(badConfig.code).toBe(1);
    expect(badConfig.stdout).toContain('FAIL  configuration  PORT must be a whole number, got "eighty"');
  });
});
