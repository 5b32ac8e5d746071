/**
 * The database goes away under real server processes, and they survive it:
 * - PostgreSQL through a TCP proxy the test controls (test/helpers/tcp-proxy.ts; the shared
 *   server is never stopped): every connection reset, then connections refused, then a frozen
 *   network. The processes stay up, answer 503 error-unavailable with Retry-After within the
 *   configured bound (never 500), tell liveness from readiness, reconnect by themselves (pool and
 *   LISTEN bridge), and deliver every message they acknowledged.
 * - SQLite answering SQLITE_FULL (PRAGMA max_page_count, a disk that is full for this
 *   connection): 503, never 500, and no second "cannot rollback" error in the log.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { sql } from 'kysely';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, PG_URL, postgresAvailable, withPgClient } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';
import type { TcpProxy } from '../helpers/tcp-proxy.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { api, loginAdmin, startServerProcess, waitFor200 } from '../helpers/server-process.ts';
import type { Answer, ServerProcess } from '../helpers/server-process.ts';
import { newId } from '../../src/domain/ids.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createServices } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { buildApp } from '../../src/http/app.ts';
import { until } from '../helpers/until.ts';

const available = await postgresAvailable();
/** DATABASE_TIMEOUT_MS of the drills. */
const BOUND_MS = 2000;
/** What a request may take beyond the bound: HTTP, scheduling on a busy 2-core machine. */
const SLACK_MS = 1000;

function expectUnavailable(r: Answer, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.json)}`).toBe(503);
  expect(r.json.errorType, what).toBe('error-unavailable');
  expect(Number(r.headers['retry-after']), what).toBeGreaterThan(0);
  expect(r.ms, `${what} took ${Math.round(r.ms)} ms`).toBeLessThan(BOUND_MS + SLACK_MS);
}

/** An SSE stream as a staff member; `text()` is everything received so far. */
async function openStream(base: string, headers: Record<string, string>) {
  const r = await request(`${base}/api/v1/stream?userId=${headers['x-user-id']}&authToken=${headers['x-auth-token']}`);
  expect(r.statusCode).toBe(200);
  let text = '';
  r.body.on('data', (c: Buffer) => (text += c.toString()));
  r.body.on('error', () => undefined);
  return { text: () => text, close: () => r.body.destroy() };
}

describe.skipIf(!available)('PostgreSQL lost, refused and frozen under two server processes', () => {
  const schema = `t_${newId(12).toLowerCase()}`;
  let proxy: TcpProxy;
  let rx: Receiver;
  let a: ServerProcess;
  let b: ServerProcess;
  let staff: Record<string, string>;
  let room: { token: string; rid: string };
  const acknowledged = new Set<string>();
  const statuses: number[] = [];

  const pgAdmin = (q: string) => withPgClient((c) => c.query(q));
  const post = (p: ServerProcess, msg: string, _id = `m-${newId(10)}`) =>
    api(p.base, 'POST', '/api/v1/livechat/message', { token: room.token, rid: room.rid, msg, _id }).then((r) => {
      statuses.push(r.status);
      if (r.status === 200) acknowledged.add(_id);
      return r;
    });

  beforeAll(async () => {
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    const target = new URL(PG_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    rx = await startReceiver();
    const u = new URL(proxy.via(PG_URL));
    u.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: u.toString(), DATABASE_TIMEOUT_MS: String(BOUND_MS) };
    a = await startServerProcess(env);
    await waitFor200(a, '/api/health/ready', 60_000);
    b = await startServerProcess(env);
    await waitFor200(b, '/api/health/ready', 60_000);
    staff = await loginAdmin(a.base);
    for (const [id, value] of [
      ['Livechat_webhookUrl', `${rx.url}/crm`],
      ['Livechat_webhook_on_visitor_message', true],
      ['Livechat_webhook_retry_delay_ms', 200],
    ] as const) {
      expect((await api(a.base, 'POST', `/api/v1/settings/${id}`, { value }, staff)).status).toBe(200);
    }
    const token = `faults-${newId(8)}`;
    await api(a.base, 'POST', '/api/v1/livechat/visitor', { visitor: { token, name: 'Faults' } });
    const r = await api(a.base, 'GET', `/api/v1/livechat/room?token=${token}`);
    room = { token, rid: (r.json.room as { _id: string })._id };
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
    await proxy?.close();
    await rx?.close();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('reset, then refused: stays up, 503 within the bound, reconnects (bridge too), loses nothing', async () => {
    const onB = await openStream(b.base, staff);
    const onA = await openStream(a.base, staff);
    expect((await post(a, 'before the reset')).status).toBe(200);
    await until('B sees A live', () => onB.text().includes('before the reset'));

    // writers on both processes for the whole drill
    let writing = true;
    const writers = [a, b].map(async (p, i) => {
      for (let n = 0; writing; n++) await post(p, `drill ${i}-${n}`).catch(() => undefined);
    });
    await until('some writes', () => acknowledged.size > 10);
    proxy.reset();
    await until('writes after the reset', () => acknowledged.size > 30);
    expect(a.alive() && b.alive()).toBe(true);

    await proxy.refuse();
    for (const p of [a, b]) {
      expectUnavailable(await api(p.base, 'GET', '/api/health/ready'), 'ready while refused');
      expectUnavailable(await post(p, 'while refused'), 'a message while refused');
      const live = await api(p.base, 'GET', '/api/health/live');
      expect(live.status).toBe(200);
      expect((await api(p.base, 'GET', '/api/info')).status).toBe(200);
    }
    await proxy.accept();
    await Promise.all([waitFor200(a), waitFor200(b)]);
    writing = false;
    await Promise.all(writers);
    expect(a.alive() && b.alive()).toBe(true);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);

    // the LISTEN bridge re-subscribed on both sides
    await until('B sees A live again', async () => {
      await post(a, 'after the outage, from A');
      return onB.text().includes('after the outage, from A');
    });
    await until('A sees B live again', async () => {
      await post(b, 'after the outage, from B');
      return onA.text().includes('after the outage, from B');
    });
    onA.close();
    onB.close();

    // every acknowledged message reaches the receiver
    const delivered = () =>
      new Set(rx.requests.map((q) => (JSON.parse(q.body) as { messages: { _id: string }[] }).messages[0]?._id));
    await until(
      'every acknowledged message delivered',
      () => [...acknowledged].every((id) => delivered().has(id)),
      90_000,
    );
    for (const p of [a, b]) {
      expect(p.output()).not.toMatch(/Unhandled 'error' event|unhandled error|error-internal/);
      expect(p.output()).toContain('database unavailable');
    }
  }, 240_000);

  it('frozen: no request waits past the bound; live 200, ready 503; thaws by itself', async () => {
    proxy.freeze();
    const answers = await Promise.all([
      api(a.base, 'GET', '/api/health/ready'),
      api(b.base, 'GET', '/api/health/ready'),
      post(a, 'while frozen'),
      post(b, 'while frozen'),
      api(a.base, 'GET', `/api/v1/livechat/room?token=${room.token}`),
      api(b.base, 'GET', '/api/v1/livechat/rooms', undefined, staff),
    ]);
    answers.forEach((r, i) => expectUnavailable(r, `request ${i} while frozen`));
    for (const p of [a, b]) {
      const live = await api(p.base, 'GET', '/api/health/live');
      expect(live.status).toBe(200);
      expect(live.ms).toBeLessThan(SLACK_MS);
    }
    // a second wave, after the pool has given up on the frozen connections
    expectUnavailable(await post(a, 'still frozen'), 'a message still frozen');
    proxy.thaw();
    await Promise.all([waitFor200(a), waitFor200(b)]);
    expect((await post(a, 'after the thaw')).status).toBe(200);
    expect(a.alive() && b.alive()).toBe(true);
  }, 120_000);
});

describe('SQLite disk full', () => {
  let ts: TestStore;
  const logged: string[] = [];
  afterAll(async () => ts?.cleanup());

  it('answers 503 error-unavailable, never 500, and logs no second error', async () => {
    ts = await openTestStore('sqlite');
    const config = loadConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASS: 'disk-full-pass', LOG_LEVEL: 'warn' });
    const services = await createServices(config, ts.store, new Hub());
    await services.users.ensureAdmin(config.admin);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp(services, { logger: pino({ level: 'warn' }, sink) });
    try {
      await services.livechat.visitors.register({ token: 'full-v', name: 'Full' }, {});
      const { room } = await services.livechat.rooms.getOrCreate('full-v', {}, {});
      // the file may not grow by a page: every write that needs a new page fails with SQLITE_FULL
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(services.db);
      await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(services.db);
      const big = 'x'.repeat(4000);
      const send = (n: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/livechat/message',
          payload: { token: 'full-v', rid: room._id, msg: `${big} ${n}` },
        });
      // alone (a plain transaction) and together (one group-committed batch of savepoints)
      const answers = [await send(0), ...(await Promise.all(Array.from({ length: 30 }, (_, i) => send(i + 1))))];
      const statuses = answers.map((r) => r.statusCode);
      expect(statuses).toContain(503);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      for (const r of answers.filter((x) => x.statusCode === 503)) {
        expect(r.json()).toMatchObject({ success: false, errorType: 'error-unavailable' });
        expect(r.headers['retry-after']).toBeDefined();
      }
      const log = logged.join('');
      expect(log).not.toMatch(/cannot rollback|no transaction is active|no such savepoint|unhandled error/);
      expect(log).toContain('SQLITE_FULL');
      // space again: the store works on, nothing left half-open
      await sql.raw('pragma max_page_count = 1073741823').execute(services.db);
      expect((await send(99)).statusCode).toBe(200);
    } finally {
      await app.close();
      services.settings.stop();
    }
  });
});
