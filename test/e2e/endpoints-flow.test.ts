/**
 * Endpoints end to end through the API: subscriptions and department filters, Standard Webhooks
 * signatures verified by the `standardwebhooks` package across a rotation and after its grace
 * period, and the circuit breaker (pause, one probe, resume and drain; disable after long failure).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { useDeliveryRig } from '../helpers/deliveries.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';
import { BREAKER_THRESHOLD, MIN_FAILING_MS } from '../../src/delivery/breaker.ts';
import { until } from '../helpers/until.ts';

describe('webhook endpoints end to end', () => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig();
  beforeAll(() => ({ t, rx } = rig));
  beforeEach(async () => {
    rx.reset();
    await t.services.db.updateTable('endpoints').set({ enabled: 0 }).where('kind', '=', 'custom').execute();
  });

  const createEndpoint = async (payload: Record<string, unknown>) => {
    const r = await call(t, { method: 'POST', url: '/api/v1/webhooks/endpoints', as: t.admin, payload });
    expect(r.status).toBe(200);
    return r.body.endpoint as { _id: string; secret: string };
  };
  const offline = (message: string) =>
    call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'N', email: 'n@example.com', message },
    });

  it('delivers only subscribed types, filtered by department, signed and verifiable across a rotation', async () => {
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: { department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true } },
    });
    const depId = (dep.body.department as { _id: string })._id;
    const ep = await createEndpoint({
      url: `${rx.url}/crm`,
      events: ['LivechatSessionStart', 'LivechatOfflineMessage'],
      departmentIds: [depId],
    });
    await newVisitor(t, 'no-dept');
    await openRoom(t, 'no-dept'); // Start without the department: filtered out
    await newVisitor(t, 'in-dept', { department: depId });
    const { room } = await openRoom(t, 'in-dept'); // Start in Sales: sent; Queued: not subscribed
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'N', email: 'n@example.com', message: 'x', department: depId },
    });
    await rx.waitFor(2);
    await new Promise((r) => setTimeout(r, 300));
    const got = rx.requests.map((r) => JSON.parse(r.body) as { type: string; _id?: string });
    expect(got.map((b) => b.type).sort()).toEqual(['LivechatOfflineMessage', 'LivechatSessionStart']);
    expect(got.find((b) => b.type === 'LivechatSessionStart')?._id).toBe(room._id);
    for (const r of rx.requests)
      expect(() => new Webhook(ep.secret).verify(r.body, r.headers as Record<string, string>)).not.toThrow();

    // rotate: during the grace period both secrets verify
    const rot = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/rotate-secret`,
      as: t.admin,
      payload: { graceSeconds: 3600 },
    });
    const fresh = (rot.body.endpoint as { secret: string }).secret;
    rx.reset();
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'N', email: 'n@example.com', message: 'y', department: depId },
    });
    const [during] = await rx.waitFor(1);
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => new Webhook(fresh).verify(during!.body, during!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(ep.secret).verify(during!.body, during!.headers as Record<string, string>)).not.toThrow();

    // after the grace period only the new secret signs
    await t.services.db
      .updateTable('endpoints')
      .set({ previous_secret_expires_at: Date.now() - 1000 })
      .where('_id', '=', ep._id)
      .execute();
    rx.reset();
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'N', email: 'n@example.com', message: 'z', department: depId },
    });
    const [after] = await rx.waitFor(1);
    expect(String(after!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(fresh).verify(after!.body, after!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(ep.secret).verify(after!.body, after!.headers as Record<string, string>)).toThrow();
  });

  it('pauses an endpoint that fails every attempt, probes once, then resumes and drains its backlog', async () => {
    const ep = await createEndpoint({
      url: `${rx.url}/flaky`,
      events: ['LivechatOfflineMessage'],
      ordering: 'none',
      retry: { kind: 'list', delaysMs: [10, 10, 10, 10, 10, 10, 10, 10] },
    });
    rx.fallback = { status: 503 };
    // the breaker pauses only failures that have lasted MIN_FAILING_MS: this streak starts that old
    await t.services.db
      .updateTable('endpoints')
      .set({ failing_since: Date.now() - MIN_FAILING_MS })
      .where('_id', '=', ep._id)
      .execute();
    for (let i = 0; i < 8; i++) await offline(`m${i}`);
    const row = () =>
      t.services.db.selectFrom('endpoints').selectAll().where('_id', '=', ep._id).executeTakeFirstOrThrow();
    await until(async () => (await row()).paused_until !== null);
    const paused = await row();
    expect(paused.consecutive_failures).toBeGreaterThanOrEqual(BREAKER_THRESHOLD);
    expect(paused.paused_until).toBeGreaterThan(Date.now());
    // requests already under way when it tripped finish; after that, while paused, nothing is sent
    const leased = () =>
      t.services.db
        .selectFrom('deliveries')
        .select('_id')
        .where('endpoint_id', '=', ep._id)
        .where('lease_owner', 'is not', null)
        .execute();
    await until(async () => (await leased()).length === 0);
    const sent = rx.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.requests.length).toBe(sent);
    // the pause ends and the receiver is still down: exactly one probe, then paused again
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() - 1 })
      .where('_id', '=', ep._id)
      .execute();
    await until(async () => {
      const r = await row();
      return r.paused_until !== null && r.paused_until > Date.now();
    });
    expect(rx.requests.length).toBe(sent + 1);
    // the receiver recovers; the next probe succeeds and the whole backlog drains by itself
    rx.fallback = { status: 200 };
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() - 1 })
      .where('_id', '=', ep._id)
      .execute();
    await until(async () => {
      const pending = await t.services.db
        .selectFrom('deliveries')
        .select('_id')
        .where('endpoint_id', '=', ep._id)
        .where('status', '=', 'pending')
        .execute();
      return pending.length === 0;
    });
    const healthy = await row();
    expect(healthy.consecutive_failures).toBe(0);
    const ok = await t.services.db
      .selectFrom('deliveries')
      .select('status')
      .where('endpoint_id', '=', ep._id)
      .execute();
    expect(ok.every((d) => d.status === 'succeeded')).toBe(true);
  });

  it('honours rateLimitPerSecond', async () => {
    await createEndpoint({
      url: `${rx.url}/slow`,
      events: ['LivechatOfflineMessage'],
      ordering: 'none',
      rateLimitPerSecond: 5,
    });
    for (let i = 0; i < 15; i++) await offline(`r${i}`);
    const reqs = await rx.waitFor(15, 10_000);
    const first = reqs[0]!.at;
    // a full bucket (5) at once, then 5 a second: 15 requests need about two seconds
    expect(reqs.filter((r) => r.at - first < 900).length).toBeLessThanOrEqual(10);
    expect(reqs[14]!.at - first).toBeGreaterThanOrEqual(1500);
  });

  it('parks a delivery whose body is over the request size limit without sending it', async () => {
    // disabled while the test event is made huge (as a very long conversation would be), so the
    // worker cannot pick up the small one first
    const ep = await createEndpoint({ url: `${rx.url}/big`, events: ['LivechatOfflineMessage'], enabled: false });
    const q = await t.services.endpoints.sendTest(ep._id, 'LivechatOfflineMessage');
    await t.services.db
      .updateTable('events')
      .set({ body: JSON.stringify({ type: 'LivechatOfflineMessage', message: 'x'.repeat(6 * 1024 * 1024) }) })
      .where('_id', '=', q.eventId)
      .execute();
    await t.services.endpoints.update(ep._id, { enabled: true });
    await until(
      async () =>
        (
          await t.services.db
            .selectFrom('deliveries')
            .select('status')
            .where('_id', '=', q.deliveryId)
            .executeTakeFirstOrThrow()
        ).status === 'failed',
    );
    const [attempt] = await t.services.db
      .selectFrom('attempts')
      .selectAll()
      .where('delivery_id', '=', q.deliveryId)
      .execute();
    expect(attempt?.error_class).toBe('request-too-large');
    expect(rx.requests.filter((r) => r.path === '/big')).toHaveLength(0);
  });

  it('disables an endpoint failing for longer than the limit, and shows why', async () => {
    const ep = await createEndpoint({
      url: `${rx.url}/dead`,
      events: ['LivechatOfflineMessage'],
      retry: { kind: 'list', delaysMs: [10] },
    });
    await t.services.db
      .updateTable('endpoints')
      .set({ failing_since: Date.now() - 6 * 86_400_000, consecutive_failures: 1 })
      .where('_id', '=', ep._id)
      .execute();
    rx.fallback = { status: 500 };
    await offline('dead');
    await until(
      async () =>
        (
          await t.services.db
            .selectFrom('endpoints')
            .select('enabled')
            .where('_id', '=', ep._id)
            .executeTakeFirstOrThrow()
        ).enabled === 0,
    );
    const shown = await call(t, { method: 'GET', url: `/api/v1/webhooks/endpoints/${ep._id}`, as: t.admin });
    expect(shown.body.endpoint).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('every attempt failed since'),
    });
  });
});
