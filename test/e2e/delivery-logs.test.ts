/**
 * The delivery engine's warn lines (issue 17), captured from pino through a destination stream:
 * a failed attempt names the endpoint, its URL without credentials or query, the class, the
 * message and the next attempt; the breaker's pause and the probe's resume each get a line; a
 * delivery that fails for good says it is parked.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { offlineEvent } from '../helpers/deliveries.ts';
import { buildWorkerDeps } from '../../src/main.ts';
import { startWorker } from '../../src/delivery/start.ts';
import { LOG_LINES } from '../../src/delivery/log-lines.ts';
import { until } from '../helpers/until.ts';

type Line = Record<string, unknown>;

function capture() {
  const lines: Line[] = [];
  const dest = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, dest) };
}

describe('delivery log lines', () => {
  let t: TestApp;
  let rx: Receiver;
  let worker: { stop(): Promise<void> } | undefined;
  beforeEach(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await rx.close();
    await t.close();
  });

  it('a failed attempt and a parked delivery', async () => {
    const cap = capture();
    // (credentials in a URL are refused at save; a query often carries an API key)
    await t.services.endpoints.create({
      url: `${rx.url}/hook?token=query-secret`,
      description: 'Billing CRM',
      events: ['LivechatOfflineMessage'],
      retry: { kind: 'list', delaysMs: [50] },
    });
    rx.fallback = { status: 503, body: 'maintenance' };
    worker = startWorker(buildWorkerDeps(t.services, cap.log), { pollMs: 20 });
    await offlineEvent(t.services, 'hello');
    await until(() => cap.lines.some((l) => l.msg === LOG_LINES.parked));
    const failed = cap.lines.filter((l) => l.msg === LOG_LINES.attemptFailed);
    expect(failed.length).toBe(2);
    expect(failed[0]).toMatchObject({
      level: 40,
      endpoint: 'Billing CRM',
      url: `${rx.url}/hook`,
      attempt: 1,
      errorClass: 'http',
      error: 'HTTP 503',
      statusCode: 503,
    });
    expect(Date.parse(String(failed[0]!.nextAttemptAt))).toBeGreaterThan(0);
    expect(failed[1]).toMatchObject({ attempt: 2 });
    expect(failed[1]!.nextAttemptAt).toBeUndefined(); // none: it is parked
    const parked = cap.lines.find((l) => l.msg === LOG_LINES.parked)!;
    expect(parked).toMatchObject({ level: 40, endpoint: 'Billing CRM', attempt: 2 });
    const text = JSON.stringify(cap.lines);
    expect(text).not.toContain('query-secret');
  });

  it('the breaker pauses an endpoint, and a successful probe resumes it', { timeout: 60_000 }, async () => {
    const cap = capture();
    const { endpoint } = await t.services.endpoints.create({
      url: `${rx.url}/down`,
      description: 'Flaky CRM',
      events: ['LivechatOfflineMessage'],
      retry: { kind: 'list', delaysMs: Array.from({ length: 30 }, () => 400) },
    });
    rx.fallback = { reset: true };
    worker = startWorker(buildWorkerDeps(t.services, cap.log), { pollMs: 20 });
    await offlineEvent(t.services, 'will fail for a while');
    // the breaker pauses after failures lasting 10 s (delivery/breaker.ts)
    await until(() => cap.lines.some((l) => l.msg === LOG_LINES.paused), 40_000);
    const paused = cap.lines.find((l) => l.msg === LOG_LINES.paused)!;
    expect(paused).toMatchObject({ level: 40, endpoint: 'Flaky CRM', url: `${rx.url}/down` });
    expect(Date.parse(String(paused.pausedUntil))).toBeGreaterThan(Date.now());
    expect(cap.lines.some((l) => l.msg === LOG_LINES.attemptFailed && l.errorClass === 'connection')).toBe(true);
    // the pause runs out (moved to now rather than waited for), the receiver is back: the probe succeeds
    rx.fallback = { status: 200, body: '' };
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() - 1 })
      .where('_id', '=', endpoint._id)
      .execute();
    await t.services.db
      .updateTable('deliveries')
      .set({ next_attempt_at: Date.now() - 1 })
      .where('status', '=', 'pending')
      .execute();
    await until(() => cap.lines.some((l) => l.msg === LOG_LINES.resumed));
    expect(cap.lines.find((l) => l.msg === LOG_LINES.resumed)).toMatchObject({
      level: 40,
      endpoint: 'Flaky CRM',
      url: `${rx.url}/down`,
    });
  });
});
