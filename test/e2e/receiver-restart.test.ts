/**
 * A receiver that restarts under load (issue 12, item 4): a custom endpoint with the default
 * options (max_concurrency 10, exponential retries), the worker at its default concurrency (64),
 * events produced every 10 ms; the receiver closes its server and every connection for 2 s, then
 * listens again on the same port. Before the breaker measured time, the requests refused in those
 * 2 s each counted as a consecutive failure and paused the endpoint for up to 10 minutes; now
 * delivery resumes within a few seconds and the breaker never pauses.
 *
 * This test measures real time on purpose: what it checks is how soon a real worker delivers
 * again through a real socket. Its bounds are wide (10 s for a 2-second outage).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { offlineEvent, runWorker } from '../helpers/deliveries.ts';

const DOWN_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A receiver whose server can be closed and opened again on the same port. */
async function restartableReceiver() {
  const received = new Map<string, number>(); // webhook-id -> first arrival
  let server: Server | undefined;
  let port = 0;
  const listen = async () => {
    server = createServer((req, res) => {
      const id = String(req.headers['webhook-id']);
      req.resume();
      req.on('end', () => {
        if (!received.has(id)) received.set(id, Date.now());
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', () => resolve()));
    port = (server!.address() as AddressInfo).port;
  };
  const close = async () => {
    const s = server!;
    server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  };
  await listen();
  return { received, listen, close, url: () => `http://127.0.0.1:${port}/hook` };
}

describe.each(await dialects())('a receiver restart on %s', (dialect) => {
  it('resumes delivery within seconds, without pausing the endpoint', { timeout: 60_000 }, async () => {
    const t = await makeApp({ dialect, env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    const rx = await restartableReceiver();
    const worker = runWorker(t);
    try {
      const s = t.services;
      const { endpoint } = await s.endpoints.create({ url: rx.url(), events: ['LivechatOfflineMessage'] });
      expect(endpoint.maxConcurrency).toBe(10);
      const ids: string[] = [];
      let producing = true;
      const producer = (async () => {
        for (let i = 0; producing && i < 2_000; i++) {
          ids.push((await offlineEvent(s, `message ${i}`))._id);
          await sleep(10);
        }
      })();
      await sleep(1_500);
      const beforeDown = rx.received.size;
      await rx.close();
      const downAt = Date.now();
      await sleep(DOWN_MS);
      await rx.listen();
      const upAt = Date.now();
      await sleep(1_500);
      producing = false;
      await producer;
      const producedDuringOutage = ids.length;
      // wait (bounded) until every event has arrived
      const deadline = upAt + 10_000;
      while (ids.some((id) => !rx.received.has(id)) && Date.now() < deadline) await sleep(50);
      const allAt = Date.now();

      const firstAfterUp = Math.min(...[...rx.received.values()].filter((at) => at >= upAt));
      const ep = await s.db
        .selectFrom('endpoints')
        .select(['paused_until', 'consecutive_failures', 'enabled'])
        .where('_id', '=', endpoint._id)
        .executeTakeFirstOrThrow();
      const failed = await s.db
        .selectFrom('attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('endpoint_id', '=', endpoint._id)
        .where('status_code', 'is', null)
        .executeTakeFirstOrThrow();
      const report = {
        dialect,
        events: producedDuringOutage,
        deliveredBeforeDown: beforeDown,
        refusedAttempts: Number(failed.n),
        firstDeliveryAfterRestartMs: firstAfterUp - upAt,
        allDeliveredAfterRestartMs: allAt - upAt,
        outageMs: upAt - downAt,
      };
      process.stdout.write(`receiver restart: ${JSON.stringify(report)}\n`);

      expect(beforeDown).toBeGreaterThan(0);
      expect(Number(failed.n)).toBeGreaterThan(0); // the outage was real: attempts were refused
      expect(ids.filter((id) => !rx.received.has(id))).toEqual([]);
      expect(report.firstDeliveryAfterRestartMs).toBeLessThan(2_000);
      expect(report.allDeliveredAfterRestartMs).toBeLessThan(10_000);
      expect(ep.paused_until).toBeNull();
      expect(ep.enabled).toBe(1);
    } finally {
      await worker.stop();
      await rx.close().catch(() => undefined);
      await t.close();
    }
  });
});
