/**
 * The `omnihook` CLI, run as real processes against the same SQLite file the server (the app in
 * this process) has open: tables with a header and names, `--json` everywhere, refusals with
 * exit code 2, no database created by a read command, and which egress allowlist applied.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { setSetting } from '../helpers/livechat.ts';
import { SERVER_CLI } from '../../scripts/build-server.ts';

const run = promisify(execFile);
// The command built (test/global-setup.ts); doctor.test and cold-start.test run bin/omnihook.js itself.
const BIN = SERVER_CLI;

/** A table's lines as cells: columns are separated by two spaces or more. */
const cells = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => l.split(/\s{2,}/));

// every case starts several processes; a loaded machine takes seconds for each
describe('omnihook CLI', { timeout: 300_000 }, () => {
  let t: TestApp;
  let rx: Receiver;
  let env: NodeJS.ProcessEnv;
  let endpointId: string;
  let failedId: string;
  const scratch = mkdtempSync(join(tmpdir(), 'omnihook-cli-'));
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
    env = { ...process.env, DATABASE_URL: t.databaseUrl, EGRESS_ALLOWLIST: '127.0.0.1/32', LOG_LEVEL: 'silent' };
    const ep = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/crm?api_key=k3y', events: ['Message'], description: 'Acme CRM' },
    });
    endpointId = (ep.body.endpoint as { _id: string })._id;
    const q = await t.services.endpoints.sendTest(endpointId, 'Message');
    failedId = q.deliveryId;
    await t.services.db
      .updateTable('deliveries')
      .set({ status: 'failed', completed_at: Date.now() })
      .where('_id', '=', failedId)
      .execute();
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cli = (args: string[], more: NodeJS.ProcessEnv = {}, cwd?: string) =>
    run('node', [BIN, ...args], { env: { ...env, ...more }, timeout: 120_000, cwd }).catch(
      (e: Error & { stderr?: string }) => {
        // keep code/stdout/stderr for the assertions, and show stderr when one fails unexpectedly
        e.message += `\n${e.stderr ?? ''}`;
        throw e;
      },
    );

  it('lists endpoints and deliveries in tables with a header and names', async () => {
    const endpoints = cells((await cli(['endpoints', 'list'])).stdout);
    expect(endpoints[0]).toEqual(['ID', 'NAME', 'KIND', 'STATE', 'BACKLOG', 'FAILED', 'SUCCESS 24H', 'URL']);
    expect(endpoints).toContainEqual([
      'rocketchat',
      'Webhooks page',
      'rocketchat',
      'active',
      '0',
      '0',
      '-',
      '(no URL)',
    ]);
    const acme = endpoints.find((r) => r[0] === endpointId)!;
    expect(acme.slice(1, 6)).toEqual(['Acme CRM', 'custom', 'active', '0', '1']);
    // the URL shown without its query value
    expect(acme[7]).toBe('http://127.0.0.1:9/crm?api_key=***');
    expect(endpoints.at(-1)).toEqual(['2 endpoint(s)']);
    // `webhooks` is the same command group
    expect((await cli(['webhooks', 'list'])).stdout).toContain('Acme CRM');

    const deliveries = cells((await cli(['deliveries', 'list', '--status', 'failed'])).stdout);
    expect(deliveries[0]).toEqual(['ID', 'STATUS', 'EVENT', 'ENDPOINT', 'ROOM', 'ATTEMPTS', 'CREATED', 'LAST']);
    expect(deliveries[1]!.slice(0, 6)).toEqual([failedId, 'failed', 'Message', 'Acme CRM', '-', '0']);
    expect(deliveries.at(-1)).toEqual(['1 of 1']);
    // an endpoint may be named instead of its id
    const byName = cells((await cli(['deliveries', 'list', '--endpoint', 'acme crm'])).stdout);
    expect(byName[1]![0]).toBe(failedId);
    expect((await cli(['deliveries', 'list', '--status', 'succeeded'])).stdout).toBe('no deliveries match\n');
  });

  it('replays, recovers (by name) and rotates a secret', async () => {
    const rec = await cli(['deliveries', 'recover', 'Acme CRM', '--since', '2000-01-01T00:00:00Z']);
    expect(rec.stdout).toBe('1 deliveries of Acme CRM queued again\n');
    const status = await t.services.db
      .selectFrom('deliveries')
      .select('status')
      .where('_id', '=', failedId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('pending');
    expect((await cli(['deliveries', 'replay', failedId])).stdout).toBe(`delivery ${failedId} queued again\n`);
    const rot = await cli(['endpoints', 'rotate-secret', endpointId, '--grace-seconds', '60']);
    expect(rot.stdout.trim()).toMatch(/^whsec_/);
    expect(rot.stderr).toMatch(/^old secret valid until \d{4}-/);
  });

  it('prints JSON with --json on every command', async () => {
    const json = async (args: string[]) =>
      JSON.parse((await cli([...args, '--json'])).stdout) as Record<string, unknown>;
    const list = await json(['endpoints', 'list']);
    expect((list.endpoints as { _id: string; name: string }[]).map((e) => e.name)).toEqual([
      'Webhooks page',
      'Acme CRM',
    ]);
    const deliveries = await json(['deliveries', 'list']);
    expect(deliveries.total).toBe(1);
    expect((deliveries.deliveries as { endpointName: string }[])[0]!.endpointName).toBe('Acme CRM');
    expect(await json(['deliveries', 'replay', failedId])).toMatchObject({ delivery: { _id: failedId } });
    expect(await json(['deliveries', 'recover', endpointId, '--since', '2000-01-01T00:00:00Z'])).toEqual({
      endpointId,
      requeued: 0,
    });
    const rot = await json(['endpoints', 'rotate-secret', endpointId]);
    expect(rot).toMatchObject({ endpointId, secret: expect.stringMatching(/^whsec_/) });
    const test = await json(['endpoints', 'test', endpointId]);
    expect(test).toMatchObject({
      endpointId,
      status: 'pending',
      egress: { allowlist: ['127.0.0.1/32'], problem: null },
    });
    expect(await json(['users', 'list'])).toMatchObject({ total: 1 });
    expect(await json(['migrate'])).toEqual({ migrated: true });
    // an error with --json: the API's error shape, on stderr
    const err = await cli(['deliveries', 'replay', 'nope', '--json']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect(JSON.parse((err as { stderr: string }).stderr)).toEqual({
      success: false,
      error: 'No delivery with id nope',
      errorType: 'error-invalid-delivery',
    });
  });

  it('refuses unknown options, commands and values with exit code 2 and a message', async () => {
    const refusals: [string[], RegExp][] = [
      [
        ['deliveries', 'list', '--status', 'bogus'],
        /argument 'bogus' is invalid\. Allowed choices are pending, succeeded, failed/,
      ],
      [['deliveries', 'list', '--event-type', 'Nope'], /Allowed choices are .*LivechatSession/],
      [['deliveries', 'list', '--limit', 'ten'], /expected a whole number/],
      [['deliveries', 'list', '--since', 'yesterday'], /ISO-8601/],
      [['deliveries', 'recover', endpointId, '--since', 'yesterday'], /ISO-8601/],
      [['deliveries', 'recover', endpointId], /required option '--since <iso>' not specified/],
      [['endpoints', 'list', '--bogus'], /unknown option '--bogus'/],
      [['endpoints', 'list', 'extra'], /too many arguments/],
      [['endpoints', 'test', endpointId, '--type', 'Nope'], /Allowed choices/],
      [['endpointz', 'list'], /unknown command 'endpointz'/],
    ];
    const results = await Promise.all(
      refusals.map(([args]) =>
        cli(args).then(
          () => undefined,
          (e: { code: number; stdout: string; stderr: string }) => e,
        ),
      ),
    );
    for (const [i, [args, message]] of refusals.entries()) {
      const r = results[i];
      expect(r, args.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(r!.stderr, args.join(' ')).toMatch(/^omnihook: /);
      expect(r!.stderr, args.join(' ')).toMatch(message);
    }
    await expect(cli(['deliveries', 'replay', 'nope'])).rejects.toMatchObject({
      code: 1,
      stderr: 'omnihook: No delivery with id nope [error-invalid-delivery]\n',
    });
    await expect(cli(['endpoints', 'test', 'no-such-endpoint'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('error-invalid-endpoint'),
    });
  });

  it('never creates a database, also when run from another folder', async () => {
    const noDb: NodeJS.ProcessEnv = { DATABASE_URL: '' };
    const where = `./data/omnihook.db (${join(scratch, 'data', 'omnihook.db')})`;
    for (const args of [
      ['endpoints', 'list'],
      ['deliveries', 'list', '--status', 'failed'],
      ['deliveries', 'replay', 'x'],
      ['endpoints', 'test', 'rocketchat'],
      ['users', 'list'],
      ['users', 'reset-password', 'admin'],
    ]) {
      await expect(cli(args, noDb, scratch), args.join(' ')).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringContaining(`omnihook: no database at ${where}; set DATABASE_URL`),
      });
    }
    expect(readdirSync(scratch)).toEqual([]);
    const json = await cli(['endpoints', 'list', '--json'], noDb, scratch).catch((e: { stderr: string }) => e);
    expect(JSON.parse((json as { stderr: string }).stderr)).toMatchObject({
      success: false,
      error: expect.stringContaining('no database at'),
    });
    // `migrate` is the command that creates one
    expect((await cli(['migrate'], noDb, scratch)).stdout).toBe('migrations applied\n');
    expect(existsSync(join(scratch, 'data', 'omnihook.db'))).toBe(true);
    expect(cells((await cli(['endpoints', 'list'], noDb, scratch)).stdout)[1]![0]).toBe('rocketchat');
  });

  it('says which egress allowlist it used: the built-in test is sent from here, others by the server', async () => {
    await setSetting(t, 'Livechat_webhookUrl', rx.url);
    const ok = await cli(['endpoints', 'test', 'rocketchat']);
    expect(ok.stdout).toBe('receiver answered 200\n');
    expect(ok.stderr).toBe('egress allowlist (EGRESS_ALLOWLIST of this command): 127.0.0.1/32\n');
    expect(rx.requests).toHaveLength(1);
    // the server was started with an allowlist; this shell has none: the CLI says so
    const refused = await cli(['endpoints', 'test', 'rocketchat'], { EGRESS_ALLOWLIST: '' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1 });
    const stderr = (refused as { stderr: string }).stderr;
    expect(stderr).toContain('egress allowlist: empty (EGRESS_ALLOWLIST is not set for this command)');
    expect(stderr).toContain('error-webhook-test-failed');
    expect(stderr).toMatch(/refused to connect to 127\.0\.0\.1 .*loopback/);
    expect(rx.requests).toHaveLength(1);

    const queued = await cli(['endpoints', 'test', 'Acme CRM', '--type', 'Message'], { EGRESS_ALLOWLIST: '' });
    expect(queued.stdout).toContain("the server's delivery worker sends it with the server's EGRESS_ALLOWLIST");
    expect(queued.stdout).toContain('egress allowlist: empty');
    expect(queued.stdout).toMatch(/with this allowlist the URL would be refused: .*127\.0\.0\.1.*loopback/);
    // no worker runs in this test: --wait says so instead of hanging
    const waited = await cli(['endpoints', 'test', endpointId, '--wait', '1']);
    expect(waited.stdout).toContain('outcome: no attempt within 1s (is the server with its delivery worker running?)');
    expect(waited.stdout).toContain('egress allowlist (EGRESS_ALLOWLIST of this command): 127.0.0.1/32');
  });
});
