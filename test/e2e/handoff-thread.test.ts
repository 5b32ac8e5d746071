/**
 * The delivery engine on its own worker thread (issue 16), started from a test as main.ts starts
 * it: hand-offs reach it, each room's events arrive in order, its log lines reach the process
 * logger, Rocket.Chat's retry settings follow a change, and a graceful stop drains what is in
 * flight (recorded, nothing left leased).
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { insertRoom, roomEvent } from '../helpers/deliveries.ts';
import { buildWorkerDeps } from '../../src/main.ts';
import { startDeliveryThread } from '../../src/delivery/thread.ts';
import type { DeliveryThread } from '../../src/delivery/thread.ts';
import { until } from '../helpers/until.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, dest) };
}

describe('the delivery thread', () => {
  let t: TestApp;
  let rx: Receiver;
  let thread: DeliveryThread | undefined;
  beforeEach(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
  });
  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    await rx.close();
    await t.close();
  });

  function start(lines: ReturnType<typeof capture>) {
    const deps = buildWorkerDeps(t.services, lines.log);
    thread = startDeliveryThread(
      {
        databaseUrl: t.databaseUrl,
        databaseTimeoutMs: 5000,
        egressAllowlist: deps.egressAllowlist,
        disableFailingEndpointAfterMs: deps.disableFailingEndpointAfterMs,
        wakeups: deps.wakeups,
        live: deps.live,
        outbox: deps.outbox,
        rocketchatRetry: deps.rocketchatRetry,
        log: lines.log,
      },
      { pollMs: 50, stopTimeoutMs: 5000 },
    );
    return thread;
  }

  it('delivers hand-offs in room order and logs through the process logger', { timeout: 60_000 }, async () => {
    const s = t.services;
    const { endpoint } = await s.endpoints.create({
      url: `${rx.url}/crm?api_key=not-for-logs`,
      description: 'Thread CRM',
      events: ['LivechatSessionStart', 'LivechatSessionTaken', 'LivechatSessionQueued'],
    });
    expect(endpoint._id).toBeTruthy();
    const lines = capture();
    await start(lines).ready;
    // the first request fails: a retry, and a warn line from the thread
    rx.script({ status: 500, body: 'down for a moment' });
    const rooms = await Promise.all([0, 1, 2].map(() => insertRoom(s)));
    const types = ['LivechatSessionStart', 'LivechatSessionQueued', 'LivechatSessionTaken'] as const;
    const expected = new Map<string, string[]>();
    for (let round = 0; round < 4; round++) {
      for (const r of rooms) {
        const type = types[round % 3]!;
        const e = await roomEvent(s, r.rid, type);
        expected.set(r.rid, [...(expected.get(r.rid) ?? []), e._id]);
      }
    }
    const total = rooms.length * 4;
    await until(
      () =>
        new Set(rx.requests.filter((q) => q.path.startsWith('/crm')).map((q) => q.headers['webhook-id'])).size >= total,
    );
    // per room, the first arrival of each event follows the commit order
    for (const r of rooms) {
      const firsts: string[] = [];
      for (const q of rx.requests) {
        const id = String(q.headers['webhook-id']);
        if ((JSON.parse(q.body) as { _id?: string })._id === r.rid && !firsts.includes(id)) firsts.push(id);
      }
      expect(firsts).toEqual(expected.get(r.rid));
    }
    await until(() => lines.lines.some((l) => l.msg === 'webhook delivery attempt failed'));
    const failed = lines.lines.find((l) => l.msg === 'webhook delivery attempt failed')!;
    expect(failed).toMatchObject({
      level: 40,
      endpoint: 'Thread CRM',
      url: `${rx.url}/crm`,
      errorClass: 'http',
      statusCode: 500,
      attempt: 1,
    });
    expect(typeof failed.nextAttemptAt).toBe('string');
    expect(JSON.stringify(lines.lines)).not.toContain('not-for-logs');
  });

  it('a graceful stop drains the requests in flight: recorded, nothing left leased', { timeout: 60_000 }, async () => {
    const s = t.services;
    await s.endpoints.create({ url: `${rx.url}/slow`, events: ['LivechatSessionStart'] });
    rx.fallback = { status: 200, body: '{}', delayMs: 600 };
    const lines = capture();
    await start(lines).ready;
    const rooms = await Promise.all([0, 1, 2, 3, 4].map(() => insertRoom(s)));
    for (const r of rooms) await roomEvent(s, r.rid, 'LivechatSessionStart');
    await until(() => rx.requests.length >= rooms.length);
    await thread!.stop();
    thread = undefined;
    const rows = await s.db.selectFrom('deliveries').select(['status', 'lease_owner', 'attempts']).execute();
    expect(rows).toHaveLength(rooms.length);
    for (const r of rows) expect(r).toEqual({ status: 'succeeded', lease_owner: null, attempts: 1 });
  });

  it('a retry setting changed on the API thread applies in the thread', { timeout: 60_000 }, async () => {
    const s = t.services;
    await s.settings.setMany([
      ['Livechat_webhookUrl', `${rx.url}/builtin`],
      ['Livechat_webhook_on_start', true],
      ['Livechat_webhook_retry_count', 10],
      ['Livechat_webhook_retry_delay_ms', 60_000],
    ]);
    const lines = capture();
    await start(lines).ready;
    // now 0 retries: the first failure parks the delivery
    await s.settings.set('Livechat_webhook_retry_count', 0);
    await new Promise((r) => setTimeout(r, 1500)); // the settings reach the thread within a second
    rx.fallback = { status: 500, body: 'no' };
    const r = await insertRoom(s);
    const e = await roomEvent(s, r.rid, 'LivechatSessionStart');
    await until(async () => {
      const d = await s.db.selectFrom('deliveries').select('status').where('event_id', '=', e._id).executeTakeFirst();
      return d?.status === 'failed';
    });
    await until(() => lines.lines.some((l) => String(l.msg).startsWith('webhook delivery failed for good')));
    const parked = lines.lines.find((l) => String(l.msg).startsWith('webhook delivery failed for good'))!;
    expect(parked).toMatchObject({ level: 40, endpoint: 'Webhooks page', url: `${rx.url}/builtin`, statusCode: 500 });
  });
});
