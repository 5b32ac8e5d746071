/**
 * Delivery hints across processes on PostgreSQL (delivery/pg-hint.ts, issue 16): two processes'
 * worth of stores and services on one schema. A commits a delivery and runs no engine; B's engine
 * polls only once a minute, yet sends it at once, woken by A's NOTIFY. With the hint lost, B's
 * polling still sends it. Hints sent and heard are coalesced per process; a process ignores its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, postgresAvailable, withPgClient } from '../helpers/db.ts';
import { loadConfig } from '../../src/config/index.ts';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import { createServices } from '../../src/services/container.ts';
import type { Services } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { openPgChannel } from '../../src/store/notify.ts';
import type { PgChannel } from '../../src/store/notify.ts';
import { startDeliveryHints } from '../../src/delivery/pg-hint.ts';
import type { DeliveryHints } from '../../src/delivery/pg-hint.ts';
import { startWorker } from '../../src/delivery/start.ts';
import { buildWorkerDeps } from '../../src/main.ts';
import { newId } from '../../src/domain/ids.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { configureWebhook, insertRoom, roomEvent } from '../helpers/deliveries.ts';

const available = await postgresAvailable();
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(!available)('delivery hints between processes (PostgreSQL NOTIFY)', () => {
  const schema = `t_${newId(12).toLowerCase()}`;
  const channel = `hint_${schema}`;
  const stores: Store[] = [];
  const services: Services[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  let rx: Receiver;
  let a: Services;
  let b: Services;

  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: PG_URL,
      ADMIN_PASS: 'hint-pass-1',
      LOG_LEVEL: 'silent',
      EGRESS_ALLOWLIST: '127.0.0.1/32',
    });
    for (let i = 0; i < 2; i++) {
      const store = await openStore(PG_URL, { schema });
      if (i === 0) await migrate(store);
      stores.push(store);
      services.push(await createServices(config, store, new Hub()));
    }
    [a, b] = services as [Services, Services];
    rx = await startReceiver();
    await configureWebhook(a, rx.url);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await rx?.close();
    for (const s of services) s.settings.stop();
    for (const st of stores) await st.close();
    await dropSchema(schema);
  });

  /** A's side: sends hints after its commits, runs no engine. */
  async function hintsOf(s: Services, wake?: () => void): Promise<DeliveryHints> {
    const hints = startDeliveryHints(await openPgChannel(PG_URL, channel), wake);
    s.waker.observe(() => hints.committed());
    stops.push(async () => {
      s.waker.observe(undefined);
      await hints.stop();
    });
    return hints;
  }

  /** B's engine, polling every `pollMs`; returns once its first round (at start) is over. */
  async function engineOf(s: Services, pollMs: number) {
    const w = startWorker(buildWorkerDeps(s, quiet), { pollMs, stopTimeoutMs: 2000 });
    stops.push(() => w.stop());
    await new Promise((r) => setTimeout(r, 300));
    return w;
  }

  it("wakes another process's engine: sent long before its next poll", async () => {
    await hintsOf(a);
    await hintsOf(b, () => b.waker.wakeLocal());
    const w = await engineOf(b, 60_000);
    const { rid } = await insertRoom(a);
    rx.requests.length = 0;
    const t0 = Date.now();
    await roomEvent(a, rid);
    const [req] = await rx.waitFor(1, 5000);
    expect(req!.at - t0).toBeLessThan(2000);
    await w.stop();
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it('a lost hint costs latency only: polling sends the delivery', async () => {
    // no hints at all on either side (as if every NOTIFY were lost); B polls every 300 ms
    const w = await engineOf(b, 300);
    const { rid } = await insertRoom(a);
    rx.requests.length = 0;
    await roomEvent(a, rid);
    await rx.waitFor(1, 5000);
    await w.stop();
  });

  it('coalesces a burst to at most two hints and ignores its own', async () => {
    const listener: PgChannel = await openPgChannel(PG_URL, channel);
    stops.push(() => listener.close());
    const heard: string[] = [];
    listener.onMessage((t) => heard.push(t));
    let selfWakes = 0;
    const hints = startDeliveryHints(await openPgChannel(PG_URL, channel), () => selfWakes++, { intervalMs: 50 });
    stops.push(() => hints.stop());
    for (let i = 0; i < 1000; i++) hints.committed();
    await new Promise((r) => setTimeout(r, 400));
    // the first at once, one more at the interval's end for the rest of the burst
    expect(heard).toHaveLength(2);
    expect(selfWakes).toBe(0);
  });

  it("coalesces what it hears: many processes' hints cost one wake-up per interval", async () => {
    let wakes = 0;
    const hints = startDeliveryHints(await openPgChannel(PG_URL, channel), () => wakes++, { intervalMs: 200 });
    stops.push(() => hints.stop());
    // 20 other processes' hints at once (distinct origins)
    await withPgClient((c) => c.query(`SELECT pg_notify($1, 'other-' || g) FROM generate_series(1, 20) g`, [channel]));
    await new Promise((r) => setTimeout(r, 600));
    // one at once, one at the interval's end for the rest
    expect(wakes).toBe(2);
  });
});
