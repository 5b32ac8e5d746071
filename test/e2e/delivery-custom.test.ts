/**
 * Custom endpoints end to end on every dialect: Standard Webhooks signatures verified by the
 * `standardwebhooks` package, custom headers, 410 disabling the endpoint, 429 + Retry-After
 * pausing it, list schedules; plus the SSRF guard and shutdown semantics.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import {
  attemptsOf,
  insertRoom,
  offlineEvent,
  roomEvent,
  runWorker,
  useDeliveryRig,
  waitForDelivery,
} from '../helpers/deliveries.ts';
import type { Services } from '../../src/services/container.ts';
import { newEndpointRow } from '../../src/store/rows.ts';

async function addEndpoint(
  s: Services,
  id: string,
  url: string,
  over: {
    secret?: string;
    previous?: string;
    headers?: Record<string, string>;
    retry?: unknown;
    timeoutMs?: number;
  } = {},
) {
  const now = s.now();
  await s.db
    .insertInto('endpoints')
    .values(
      newEndpointRow(
        {
          _id: id,
          kind: 'custom',
          url,
          description: null,
          events: JSON.stringify(['LivechatOfflineMessage', 'LivechatSessionStart']),
          department_ids: null,
          headers: over.headers ? JSON.stringify(over.headers) : null,
          timeout_ms: over.timeoutMs ?? 2000,
          retry: JSON.stringify(over.retry ?? { kind: 'list', delaysMs: [10, 10, 10] }),
          ordering: 'room',
          rate_limit_per_second: null,
          max_concurrency: 4,
          enabled: 1,
          disabled_reason: null,
          secret: over.secret ?? '',
          previous_secret: over.previous ?? null,
          previous_secret_expires_at: over.previous ? now + 3_600_000 : null,
        },
        now,
      ),
    )
    .execute();
}

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe.each(await dialects())('custom endpoints on %s', (dialect) => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig({ dialect });
  beforeAll(() => ({ t, rx } = rig));
  beforeEach(async () => {
    rx.reset();
    await t.services.db.updateTable('endpoints').set({ enabled: 0 }).where('kind', '=', 'custom').execute();
  });

  it('signs with Standard Webhooks (both secrets while rotating) and adds custom headers', async () => {
    const current = secret();
    const previous = secret();
    await addEndpoint(t.services, `sig-${dialect}`, `${rx.url}/signed`, {
      secret: current,
      previous,
      headers: { 'X-Tenant': 'acme', Authorization: 'Bearer zzz' },
    });
    const ev = await offlineEvent(t.services);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded');
    const req = rx.requests[0]!;
    const headers = req.headers as Record<string, string>;
    expect(new Webhook(current).verify(req.body, headers)).toMatchObject({ type: 'LivechatOfflineMessage' });
    expect(() => new Webhook(previous).verify(req.body, headers)).not.toThrow();
    expect(headers['webhook-id']).toBe(ev._id);
    expect(headers['x-tenant']).toBe('acme');
    expect(headers.authorization).toBe('Bearer zzz');
    expect(headers).not.toHaveProperty('x-rocketchat-livechat-token');
    const [attempt] = await attemptsOf(t.services, d._id);
    const logged = JSON.parse(attempt!.request_headers) as Record<string, string>;
    expect(logged['webhook-signature']).toBe('[redacted]');
    expect(logged.authorization).toBe('[redacted]');
    expect(logged['x-tenant']).toBe('acme');
  });

  it('410 Gone parks the delivery and disables the endpoint with a reason', async () => {
    const id = `gone-${dialect}`;
    await addEndpoint(t.services, id, `${rx.url}/gone`);
    rx.fallback = { status: 410 };
    const ev = await offlineEvent(t.services);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'failed');
    expect(d.attempts).toBe(1);
    const ep = await t.services.db.selectFrom('endpoints').selectAll().where('_id', '=', id).executeTakeFirstOrThrow();
    expect(ep.enabled).toBe(0);
    expect(ep.disabled_reason).toContain('410');
    const later = await offlineEvent(t.services);
    expect(later.deliveries).toBe(0); // the outbox no longer targets a disabled endpoint
  });

  it('429 with Retry-After pauses the whole endpoint and delays the retry', async () => {
    const id = `throttle-${dialect}`;
    await addEndpoint(t.services, id, `${rx.url}/slow`);
    rx.script({ status: 429, headers: { 'retry-after': '1' } });
    const ev = await offlineEvent(t.services);
    const pending = await waitForDelivery(t.services, ev._id, (x) => x.attempts === 1);
    expect(pending.status).toBe('pending');
    const ep = await t.services.db.selectFrom('endpoints').selectAll().where('_id', '=', id).executeTakeFirstOrThrow();
    expect(ep.paused_until).toBeGreaterThan(Date.now() + 500);
    expect(ep.consecutive_failures).toBe(1);
    expect(ep.failing_since).not.toBeNull();
    const done = await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded', 5000);
    expect(rx.requests[1]!.at - rx.requests[0]!.at).toBeGreaterThanOrEqual(900);
    expect(done.attempts).toBe(2);
    const healed = await t.services.db
      .selectFrom('endpoints')
      .selectAll()
      .where('_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(healed.consecutive_failures).toBe(0);
    expect(healed.failing_since).toBeNull();
  });

  it('stores crmData only for the built-in endpoint', async () => {
    await addEndpoint(t.services, `crm-${dialect}`, `${rx.url}/crm`);
    rx.fallback = { status: 200, body: 'custom-says-hi' };
    const { rid } = await insertRoom(t.services);
    const ev = await roomEvent(t.services, rid, 'LivechatSessionStart');
    await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded');
    const room = await t.services.db
      .selectFrom('rooms')
      .select('crm_data')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(room.crm_data).toBeNull();
  });
});

describe('egress guard and shutdown', () => {
  let t: TestApp;
  let rx: Receiver;

  beforeAll(async () => {
    t = await makeApp(); // no EGRESS_ALLOWLIST: loopback is refused
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });

  it('refuses loopback without an allow-list entry, recording an ssrf attempt', async () => {
    const worker = runWorker(t);
    try {
      // refused when saved, like any endpoint URL
      await expect(
        t.services.settings.setMany([['Livechat_webhookUrl', `http://localhost:${rx.port}/x`]]),
      ).rejects.toMatchObject({
        code: 'error-invalid-url',
      });
      await t.services.settings.setMany([
        ['Livechat_webhook_on_offline_msg', true],
        ['Livechat_webhook_retry_count', 0],
      ]);
      // and refused again at connect time, for a row that holds one anyway (saved before the
      // rule, or a host whose DNS now answers a private address)
      await t.services.db
        .updateTable('endpoints')
        .set({ url: `http://localhost:${rx.port}/x` })
        .where('_id', '=', 'rocketchat')
        .execute();
      const ev = await offlineEvent(t.services);
      const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'failed');
      const [attempt] = await attemptsOf(t.services, d._id);
      expect(attempt?.error_class).toBe('ssrf');
      expect(attempt?.error_message).toMatch(/loopback/);
      expect(rx.requests).toHaveLength(0);
    } finally {
      await worker.stop();
    }
  });

  it('stop() aborts a hung request and gives the lease back without spending an attempt', async () => {
    const allowed = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    try {
      await allowed.services.settings.setMany([
        ['Livechat_webhookUrl', rx.url],
        ['Livechat_webhook_on_offline_msg', true],
        ['Livechat_http_timeout', 60_000],
      ]);
      rx.fallback = { hang: true };
      const worker = runWorker(allowed); // stopTimeoutMs 2000
      const ev = await offlineEvent(allowed.services);
      await rx.waitFor(1);
      const before = Date.now();
      await worker.stop();
      expect(Date.now() - before).toBeLessThan(5000);
      const [d] = await allowed.services.db
        .selectFrom('deliveries')
        .selectAll()
        .where('event_id', '=', ev._id)
        .execute();
      expect(d).toMatchObject({ status: 'pending', attempts: 0, lease_owner: null, lease_until: null });
      expect(await attemptsOf(allowed.services, d!._id)).toHaveLength(0);
    } finally {
      rx.reset();
      await allowed.close();
    }
  });
});
