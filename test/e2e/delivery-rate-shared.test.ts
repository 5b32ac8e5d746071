/**
 * One rate limit per endpoint across both ways a delivery starts (issue 16). With the engine on
 * its own thread, SQLite claims (polling) run on the API thread's connection while hand-offs are
 * dispatched on the delivery thread; both must draw on the same token bucket, or an endpoint's
 * rateLimitPerSecond can be exceeded up to twice.
 *
 * The worker runs here with the thread's wiring (reads local, writes through the API side's
 * write server) and a frozen clock: the bucket starts with one second's worth of tokens and never
 * refills, so whatever both paths send together can never pass the limit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { offlineEvent } from '../helpers/deliveries.ts';
import { buildWorkerDeps } from '../../src/main.ts';
import { DeliveryWorker } from '../../src/delivery/worker.ts';
import { remoteWrites, writeServer } from '../../src/delivery/thread-writes.ts';
import { until } from '../helpers/until.ts';

const RATE = 4;

describe('rate limit shared by polling and hand-offs', () => {
  let t: TestApp;
  let rx: Receiver;
  let worker: DeliveryWorker | undefined;
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

  it('never sends more than one bucket while both paths have work', { timeout: 60_000 }, async () => {
    const s = t.services;
    const { endpoint } = await s.endpoints.create({
      url: `${rx.url}/limited`,
      description: 'Limited CRM',
      events: ['LivechatOfflineMessage'],
      rateLimitPerSecond: RATE,
      maxConcurrency: 16,
    });
    // a backlog the claim (polling) finds at start
    for (let i = 0; i < RATE + 2; i++) await offlineEvent(s, `backlog ${i}`);

    const deps = buildWorkerDeps(s, t.app.log);
    const serve = writeServer(deps.outbox, deps.disableFailingEndpointAfterMs);
    let claims = 0;
    const outbox = remoteWrites(deps.outbox, (op, args) => {
      if (op === 'claim') claims++;
      return serve(op, args);
    });
    const frozen = Date.now() + 60_000; // every row is due; tokens never refill
    worker = new DeliveryWorker({ ...deps, outbox, now: () => frozen }, { pollMs: 20, stopTimeoutMs: 5000 });
    worker.start();
    await rx.waitFor(RATE, 20_000);

    // fresh events now reach the engine as hand-offs, on the other path
    for (let i = 0; i < RATE + 2; i++) await offlineEvent(s, `fresh ${i}`);
    const after = claims;
    // both paths get many chances: the hand-offs' dispatch and a stream of poll rounds
    await until(() => claims >= after + 15);

    const sent = rx.requests.filter((r) => r.path.startsWith('/limited')).length;
    expect(sent).toBe(RATE);
    const pending = await s.db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', endpoint._id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBe(2 * (RATE + 2) - RATE);
  });
});
