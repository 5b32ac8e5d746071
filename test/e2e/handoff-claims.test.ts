/**
 * Hand-offs and polling (issue 16): while a stream of fresh deliveries waits in the engine's
 * hand-off queue for a slot, the claim must not take them over. A claim that found handed-off rows
 * counted them as a backlog and ran again after every completion: measured in the delivery
 * benchmark, 40 % of deliveries went through claims (a write on the API thread each) and the
 * hand-offs those claims had taken were refused later. The worker here has the thread's wiring
 * (reads local, writes through the API side's write server), so every claim is counted.
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

const EVENTS = 300;

describe('hand-offs waiting for a slot', () => {
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

  it('are sent by the hand-off path, not claimed after every completion', { timeout: 60_000 }, async () => {
    const s = t.services;
    // two slots: most fresh deliveries wait in the hand-off queue while others are sent
    await s.endpoints.create({
      url: `${rx.url}/crm`,
      description: 'Narrow CRM',
      events: ['LivechatOfflineMessage'],
      maxConcurrency: 2,
    });
    const deps = buildWorkerDeps(s, t.app.log);
    const serve = writeServer(deps.outbox, deps.disableFailingEndpointAfterMs);
    let claims = 0;
    const outbox = remoteWrites(deps.outbox, (op, args) => {
      if (op === 'claim') claims++;
      return serve(op, args);
    });
    // each answer takes 5 ms, so the queue holds waiting hand-offs whenever the timer polls
    rx.fallback = { status: 200, body: '', delayMs: 5 };
    worker = new DeliveryWorker({ ...deps, outbox }, { pollMs: 200, stopTimeoutMs: 5000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 100)); // recovery and the first poll
    const before = claims;
    for (let i = 0; i < EVENTS; i += 30) {
      await Promise.all(Array.from({ length: 30 }, (_, k) => offlineEvent(s, `stream ${i + k}`)));
    }
    const got = await rx.waitFor(EVENTS, 40_000);
    expect(got.filter((r) => r.path.startsWith('/crm'))).toHaveLength(EVENTS);
    // every delivery went out once: no claim re-sent a hand-off
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(EVENTS);
    // ~150 x 5 ms of sending: the timer's polls (one each 200 ms) and a few claims after
    // completions; counting the hand-offs a claim found as a backlog made it one per completion
    expect(claims - before).toBeLessThan(40);
  });
});

describe('the process-wide cap on requests in flight', () => {
  it('holds while polling and the hand-offs both have work', { timeout: 60_000 }, async () => {
    const t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    const rx = await startReceiver();
    const CAP = 4;
    const DELAY = 40;
    let worker: DeliveryWorker | undefined;
    try {
      const s = t.services;
      await s.endpoints.create({
        url: `${rx.url}/crm`,
        description: 'Wide CRM',
        events: ['LivechatOfflineMessage'],
        maxConcurrency: 50,
      });
      rx.fallback = { status: 200, body: '', delayMs: DELAY };
      // a backlog for polling (stored before the engine runs), then a stream for the hand-offs
      for (let i = 0; i < 60; i++) await offlineEvent(s, `backlog ${i}`);
      // the thread's wiring, each write 15 ms away (the API thread's group commit under load): a
      // claim and a lease of hand-offs are then on their way at the same time
      const deps = buildWorkerDeps(s, t.app.log);
      const serve = writeServer(deps.outbox, deps.disableFailingEndpointAfterMs);
      const outbox = remoteWrites(deps.outbox, async (op, args) => {
        await new Promise((r) => setTimeout(r, 15));
        return serve(op, args);
      });
      worker = new DeliveryWorker({ ...deps, outbox }, { pollMs: 20, maxInFlight: CAP });
      worker.start();
      for (let i = 0; i < 60; i += 6) {
        await Promise.all(Array.from({ length: 6 }, (_, k) => offlineEvent(s, `stream ${i + k}`)));
        await new Promise((r) => setTimeout(r, 10));
      }
      const got = await rx.waitFor(120, 40_000);
      // requests that arrive less than DELAY apart were held at the receiver together
      const at = got.map((r) => r.at).sort((a, b) => a - b);
      let most = 0;
      for (let i = 0, j = 0; i < at.length; i++) {
        while (at[i]! - at[j]! >= DELAY - 2) j++;
        most = Math.max(most, i - j + 1);
      }
      expect(most).toBeLessThanOrEqual(CAP);
    } finally {
      await worker?.stop();
      await rx.close();
      await t.close();
    }
  });
});
