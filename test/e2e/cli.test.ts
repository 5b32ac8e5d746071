/** The `omnihook` CLI, run as a real process against the same SQLite file the server uses. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

const run = promisify(execFile);

describe('omnihook CLI', () => {
  let t: TestApp;
  let env: NodeJS.ProcessEnv;
  let endpointId: string;
  let failedId: string;
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    env = { ...process.env, DATABASE_URL: t.databaseUrl, EGRESS_ALLOWLIST: '127.0.0.1/32', LOG_LEVEL: 'silent' };
    const ep = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/crm', events: ['Message'] },
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
  afterAll(async () => t.close());

  const cli = (args: string[]) => run('node', ['bin/omnihook.js', ...args], { env, timeout: 30_000 });

  it('lists endpoints and deliveries, replays and recovers, rotates a secret', async () => {
    const list = await cli(['webhooks', 'list']);
    expect(list.stdout).toContain(endpointId);
    expect(list.stdout).toContain('rocketchat');
    const json = JSON.parse((await cli(['deliveries', 'list', '--status', 'failed', '--json'])).stdout) as {
      total: number;
    };
    expect(json.total).toBe(1);
    const table = (await cli(['deliveries', 'list', '--status', 'failed'])).stdout.trim().split('\n');
    expect(table[0]!.split('\t')).toEqual(['ID', 'STATUS', 'EVENT', 'ENDPOINT', 'ATTEMPTS', 'CREATED', 'LAST']);
    expect(table[1]!.split('\t').slice(0, 5)).toEqual([failedId, 'failed', 'Message', endpointId, '0']);
    expect(table.join('\n')).not.toContain('[object Object]');
    expect(table.at(-1)).toBe('1 of 1');
    const rec = await cli(['deliveries', 'recover', endpointId, '--since', '2000-01-01T00:00:00Z']);
    expect(rec.stdout).toContain('1 deliveries queued again');
    const status = await t.services.db
      .selectFrom('deliveries')
      .select('status')
      .where('_id', '=', failedId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('pending');
    const replay = await cli(['deliveries', 'replay', failedId]);
    expect(replay.stdout).toContain('queued again');
    const rot = await cli(['webhooks', 'rotate-secret', endpointId, '--grace-seconds', '60']);
    expect(rot.stdout.trim()).toMatch(/^whsec_/);
  });

  it('fails clearly on bad arguments and unknown ids', async () => {
    await expect(cli(['deliveries', 'replay', 'nope'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('error-invalid-delivery'),
    });
    await expect(cli(['deliveries', 'recover', endpointId, '--since', 'yesterday'])).rejects.toMatchObject({
      stderr: expect.stringContaining('ISO-8601'),
    });
  });
});
