/**
 * Presence test rig: the real app on a loopback port whose services read a test clock (so the
 * scheduler's grace, leave timeout and auto-transfer run by moving the clock and calling
 * `presence.tick()`, never by sleeping), and real SSE streams as an agent's console opens them.
 */
import { expect } from 'vitest';
import { request } from 'undici';
import { loadConfig } from '../../src/config/index.ts';
import { createServices } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Dialect } from '../../src/store/dialect.ts';
import { openTestStore } from './db.ts';
import { ADMIN_PASS, call, login } from './app.ts';
import type { Session, TestApp } from './app.ts';

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

/** Starts at the real time (rows written by code on the real clock still sort sensibly) and moves only when told. */
export function testClock(): TestClock {
  let t = Date.now();
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface ClockApp extends TestApp {
  clock: TestClock;
  base: string;
}

export async function makeClockApp(
  opts: { dialect?: Dialect; env?: Record<string, string>; clock?: TestClock } = {},
): Promise<ClockApp> {
  const clock = opts.clock ?? testClock();
  const ts = await openTestStore(opts.dialect ?? 'sqlite');
  const config = loadConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASS, LOG_LEVEL: 'silent', ...opts.env });
  const errors: unknown[] = [];
  const services = await createServices(config, ts.store, new Hub(), {
    now: clock.now,
    onError: (err) => errors.push(err),
  });
  await services.users.ensureAdmin(config.admin);
  const app = await buildApp(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const admin = await login(app, 'admin', ADMIN_PASS);
  return {
    app,
    services,
    admin,
    clock,
    base: `http://127.0.0.1:${port}`,
    databaseUrl: ts.url,
    close: async () => {
      await app.close();
      await services.presence.stop();
      await services.queue.stop();
      services.settings.stop();
      await ts.cleanup();
      // a failed scheduler step would otherwise pass unnoticed
      expect(errors).toEqual([]);
    },
  };
}

export interface Stream {
  /** Resolves when the server ended the stream (logout, session gone). */
  ended: Promise<void>;
  close(): void;
}

/** Opens the staff SSE stream as the console does and waits for `ready` (presence counted by then). */
export async function openStream(base: string, as: Session): Promise<Stream> {
  const ac = new AbortController();
  const q = `userId=${encodeURIComponent(as.userId)}&authToken=${encodeURIComponent(as.authToken)}`;
  const res = await request(`${base}/api/v1/stream?${q}`, { signal: ac.signal });
  if (res.statusCode !== 200) throw new Error(`stream: ${res.statusCode} ${await res.body.text()}`);
  res.body.setEncoding('utf8');
  let buf = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  const ended = new Promise<void>((resolve) => {
    res.body.on('end', () => resolve());
    res.body.on('error', () => resolve());
  });
  res.body.on('data', (chunk: string) => {
    buf += chunk;
    if (buf.includes('event: ready')) onReady();
  });
  await ready;
  return { ended, close: () => ac.abort() };
}

/** Closes the stream and waits until the server has seen it go and written the grace. */
export async function closeStream(t: ClockApp, s: Stream, userId: string): Promise<void> {
  s.close();
  await expect.poll(() => t.services.presence.localConnections(userId)).toBe(0);
  await t.services.presence.idle();
}

/** An agent marked available (REST) with its console's stream open. */
export async function onlineAgent(t: ClockApp, session: Session): Promise<Stream> {
  const r = await call(t, {
    method: 'POST',
    url: '/api/v1/livechat/agent.status',
    as: session,
    payload: { status: 'available' },
  });
  if (r.status !== 200) throw new Error(`agent.status: ${r.res.body}`);
  return openStream(t.base, session);
}

/** Moves the clock and runs one scheduler round. */
export async function tickAfter(t: ClockApp, ms: number): Promise<void> {
  t.clock.advance(ms);
  await t.services.presence.tick();
}
