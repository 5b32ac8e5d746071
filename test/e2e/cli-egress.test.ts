/**
 * The CLI names the running server's egress allowlist (issue 17): the server records it at its
 * start, and `omnihook endpoints test` / `omnihook doctor`, run from a shell whose
 * EGRESS_ALLOWLIST differs, print it next to their own. Real processes: a server (src/main.ts),
 * the CLI (bin/omnihook.js) and a receiver on loopback.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, loginAdmin, startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { SERVER_CLI } from '../../scripts/build-server.ts';

const run = promisify(execFile);
// The command built (test/global-setup.ts); doctor.test and cold-start.test run bin/omnihook.js itself.
const BIN = SERVER_CLI;

interface Finding {
  check: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

describe('the CLI and the server allowlist', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-cli-egress-'));
  const databaseUrl = `sqlite:${join(dir, 'omnihook.db')}`;
  let server: ServerProcess;
  let rx: Receiver;
  let endpointId: string;

  /** The CLI on the server's database, in a shell with no EGRESS_ALLOWLIST (unless given). */
  const cli = (args: string[], more: NodeJS.ProcessEnv = {}) =>
    run('node', [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, EGRESS_ALLOWLIST: '', LOG_LEVEL: 'silent', ...more },
      timeout: 120_000,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    rx = await startReceiver();
    // the CLI creates and migrates the database; no server has started on it yet
    expect((await cli(['migrate'])).code).toBe(0);
  });
  afterAll(async () => {
    if (server?.alive()) await server.kill();
    await rx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before any server start: the server allowlist is unknown, and doctor says so without failing on it', async () => {
    const r = await cli(['doctor', '--json'], { PORT: '1' });
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    expect(findings).toContainEqual({
      check: 'egress',
      status: 'skip',
      detail: 'server allowlist: unknown (no server has started on this database since it began recording it)',
    });
  });

  it('after a start: endpoints test and doctor print the server allowlist next to their own', async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl, EGRESS_ALLOWLIST: '127.0.0.1/32' });
    await waitFor200(server);
    const auth = await loginAdmin(server.base);
    const created = await api(
      server.base,
      'POST',
      '/api/v1/webhooks/endpoints',
      { url: rx.url, events: ['Message'], description: 'Local CRM' },
      auth,
    );
    expect(created.status).toBe(200);
    endpointId = (created.json.endpoint as { _id: string })._id;

    // text: the server's allowlist, and this shell's (empty) one that would refuse the URL
    const text = await cli(['endpoints', 'test', 'Local CRM', '--type', 'Message', '--wait', '60']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /server allowlist \(the server's EGRESS_ALLOWLIST, recorded at its start \d{4}-\d\d-\d\dT[\d:.]+Z\): 127\.0\.0\.1\/32\n/,
    );
    expect(text.stdout).not.toContain("with the server's allowlist the URL is refused");
    expect(text.stdout).toContain('egress allowlist: empty (EGRESS_ALLOWLIST is not set for this command)');
    expect(text.stdout).toMatch(/with this allowlist the URL would be refused: .*127\.0\.0\.1.*loopback/);
    // and the server's worker, under its own allowlist, did deliver it
    expect(text.stdout).toContain('outcome: answered HTTP 200');
    await rx.waitFor(1, 30_000);

    const json = JSON.parse((await cli(['endpoints', 'test', endpointId, '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      endpointId,
      egress: { allowlist: [], source: 'EGRESS_ALLOWLIST of this command', problem: expect.stringMatching(/loopback/) },
      serverEgress: {
        allowlist: ['127.0.0.1/32'],
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        worker: true,
        problem: null,
      },
    });

    // doctor: the server's allowlist differs from this shell's: a warning, and the endpoint is
    // judged by the server's (it sends the deliveries), with this shell's verdict as a warning
    const d = await cli(['doctor'], { PORT: String(server.port), HOST: '127.0.0.1' });
    const lines = d.stdout.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^WARN {2}egress {9}server allowlist \(the server's EGRESS_ALLOWLIST, recorded at its start .*\): 127\.0\.0\.1\/32; this command has none$/,
      ),
    );
    expect(lines).toContainEqual(
      `ok    egress         Local CRM (${new URL(rx.url).href}): allowed by the server's allowlist (127.0.0.1)`,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^WARN {2}egress {9}Local CRM \(.*\): with this command's allowlist: 127\.0\.0\.1 is a loopback address/,
      ),
    );
    expect(d.stdout).not.toMatch(/^FAIL {2}egress/m);

    // the same environment as the server: one line saying so
    const same = await cli(['doctor', '--json'], {
      EGRESS_ALLOWLIST: '127.0.0.1/32',
      PORT: String(server.port),
      HOST: '127.0.0.1',
    });
    const findings = (JSON.parse(same.stdout) as { findings: Finding[] }).findings;
    expect(findings).toContainEqual({
      check: 'egress',
      status: 'ok',
      detail: expect.stringMatching(/^server allowlist \(.*\): 127\.0\.0\.1\/32 \(the same as here\)$/),
    });
    expect(findings).toContainEqual({
      check: 'egress',
      status: 'ok',
      detail: `Local CRM (${new URL(rx.url).href}): allowed (127.0.0.1)`,
    });
  });

  it('the record is not a setting: the settings API neither lists nor changes it', async () => {
    const auth = await loginAdmin(server.base);
    const read = await api(server.base, 'GET', '/api/v1/settings/Omnihook_server_egress_allowlist', undefined, auth);
    expect(read.status).toBeGreaterThanOrEqual(400);
    expect(read.status).toBeLessThan(500);
    const write = await api(
      server.base,
      'POST',
      '/api/v1/settings/Omnihook_server_egress_allowlist',
      { value: { allowlist: ['0.0.0.0/0'] } },
      auth,
    );
    expect(write.status).toBe(400);
    expect(write.json).toMatchObject({ success: false });
    const json = JSON.parse((await cli(['endpoints', 'test', endpointId, '--json'])).stdout) as {
      serverEgress: { allowlist: string[] };
    };
    expect(json.serverEgress.allowlist).toEqual(['127.0.0.1/32']);
  });
});
