/**
 * Composition root: load config, open and migrate the store, build services, start the HTTP API
 * and the delivery worker, and close gracefully on SIGTERM/SIGINT.
 */
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config/index.ts';
import { createLogger as createConfiguredLogger, printAfterLog } from './config/logger.ts';
import { describeStartupError } from './config/startup-errors.ts';
import type { Config } from './config/index.ts';
import { migrate, openStore } from './store/open.ts';
import { storeOutbox } from './store/outbox/index.ts';
import { createServices } from './services/container.ts';
import type { Services } from './services/container.ts';
import { buildApp } from './http/app.ts';
import { startWorker } from './delivery/start.ts';
import type { RunningWorker } from './delivery/start.ts';
import { startDeliveryThread } from './delivery/thread.ts';
import type { Log, WorkerDeps } from './delivery/ports.ts';
import { Hub } from './realtime/hub.ts';
import { DEFAULT_LIVE_CHANNEL, startBridge } from './realtime/bridge.ts';
import { openPgChannel } from './store/notify.ts';
import { DEFAULT_DELIVERY_CHANNEL, startDeliveryHints } from './delivery/pg-hint.ts';
import { recordServerEgress } from './services/server-egress.ts';

/** The delivery worker's ports, from the services of this process. */
export function buildWorkerDeps(s: Services, log: Log): WorkerDeps {
  return {
    outbox: storeOutbox(s.store),
    live: s.hub,
    wakeups: s.waker,
    rocketchatRetry: () => ({
      count: s.settings.get('Livechat_webhook_retry_count'),
      delayMs: s.settings.get('Livechat_webhook_retry_delay_ms'),
    }),
    egressAllowlist: s.config.egressAllowlist,
    disableFailingEndpointAfterMs: s.config.disableFailingEndpointAfterMs,
    log,
    now: s.now,
  };
}

/**
 * The delivery engine: on a thread of its own (issue 16) unless turned off or the database is
 * in memory (a second connection would see another, empty database).
 */
export function startDelivery(s: Services, log: Log): RunningWorker {
  const deps = buildWorkerDeps(s, log);
  if (!s.config.deliveryThread || s.config.databaseUrl === 'sqlite::memory:') return startWorker(deps);
  return startDeliveryThread({
    databaseUrl: s.config.databaseUrl,
    databaseTimeoutMs: s.config.databaseTimeoutMs,
    egressAllowlist: deps.egressAllowlist,
    disableFailingEndpointAfterMs: deps.disableFailingEndpointAfterMs,
    wakeups: deps.wakeups,
    live: deps.live,
    outbox: deps.outbox,
    rocketchatRetry: deps.rocketchatRetry,
    log,
  });
}

/** The one logger of the process: the HTTP app and the worker log through it (config/logger.ts). */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  return createConfiguredLogger({ level: config.logLevel, format: config.logFormat });
}

export async function start(config: Config): Promise<{ close(): Promise<void>; port: number }> {
  const log = createLogger(config);
  const store = await openStore(config.databaseUrl, {
    timeoutMs: config.databaseTimeoutMs,
    server: true, // SQLite: refuse a second server on the same file
    onError: (err) => log.warn({ err: err.message }, 'database connection lost; reconnecting'),
  });
  try {
    // One round trip first: an unreachable database is reported as such (config/startup-errors.ts),
    // not as a failed migration.
    await store.ping();
    await migrate(store);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  const hub = new Hub();
  const services = await createServices(config, store, hub, {
    onError: (err, what) => log.warn({ err: err instanceof Error ? err.message : String(err) }, what),
  });
  // A worker-only process (OMNIHOOK_HTTP=false) builds no HTTP app at all.
  const app = config.http ? await buildApp(services, { logger: log }) : undefined;
  // Several processes may share the database: carry live events between them.
  const bridge = store.caps.listenNotify
    ? startBridge(
        hub,
        await openPgChannel(
          config.databaseUrl,
          DEFAULT_LIVE_CHANNEL,
          (err) => log.warn({ err: err.message }, 'live event bridge lost its connection; reconnecting'),
          { stepMs: config.databaseTimeoutMs / 2, onRestored: () => log.info('live event bridge reconnected') },
        ),
      )
    : undefined;
  // Several processes may share the database: after this one commits deliveries, a NOTIFY wakes
  // the others' delivery engines now instead of at their next poll (a hint, delivery/pg-hint.ts).
  const hints = store.caps.listenNotify
    ? startDeliveryHints(
        await openPgChannel(
          config.databaseUrl,
          DEFAULT_DELIVERY_CHANNEL,
          (err) => log.warn({ err: err.message }, 'delivery hints lost their connection; reconnecting'),
          { stepMs: config.databaseTimeoutMs / 2 },
        ),
        config.worker ? () => services.waker.wakeLocal() : undefined,
      )
    : undefined;
  if (hints) services.waker.observe(() => hints.committed());
  const worker = config.worker ? startDelivery(services, log.child({ component: 'delivery' })) : undefined;
  // Presence heartbeats, leave actions, auto-transfers and the queue; claims keep processes apart.
  services.presence.start();
  // The first admin exists before the port answers, so a client that logs in as soon as it can
  // connect finds it; a start that then fails (port in use) removes it again, so the password
  // printed below is always one of a server that runs.
  const admin = await services.users.ensureAdmin(config.admin);
  let port = 0;
  if (app) {
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      if (admin.created) await services.users.forgetUnusedAdmin(config.admin.username);
      throw err;
    }
    const addr = app.server.address();
    port = typeof addr === 'object' && addr ? addr.port : config.port;
  }
  // after listen: only a server that runs says which allowlist it applies (the CLI reads it)
  await recordServerEgress(services);
  if (admin.generatedPassword) {
    // Printed once, on the first start only, to the terminal (not the structured log), behind
    // the log's "Server listening" line.
    printAfterLog(
      log,
      `\nOmnihook created the admin user "${config.admin.username}" with password: ${admin.generatedPassword}\n` +
        'Set ADMIN_USERNAME / ADMIN_PASS / ADMIN_EMAIL before the first start to choose it yourself.\n\n',
    );
  }
  return {
    port,
    async close() {
      await app?.close(); // stop accepting requests, finish the ones in flight
      await worker?.stop(); // let in-flight deliveries finish; unfinished leases expire and retry
      await services.presence.stop(); // after the streams closed: their grace is written first
      await services.queue.stop(); // a recount scheduled by the last queue change
      await bridge?.stop();
      services.waker.observe(undefined);
      await hints?.stop();
      services.settings.stop();
      await store.close();
    },
  };
}

/** Starts from the environment and stays up until SIGTERM/SIGINT (npm start, omnihook serve). */
export async function run(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`omnihook: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start(config);
  } catch (err) {
    process.stderr.write(`omnihook: failed to start: ${describeStartupError(err, config)}\n`);
    process.exit(1);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`omnihook: ${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('main.ts') || entry.endsWith('main.js')) {
  run().catch((err: unknown) => {
    process.stderr.write(`omnihook: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
