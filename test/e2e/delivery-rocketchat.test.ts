/**
 * The Webhooks-page endpoint end to end: real store, real worker, real receiver on loopback
 * (reachable because EGRESS_ALLOWLIST admits 127.0.0.1/32).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { Receiver } from '../helpers/receiver.ts';
import {
  attemptsOf,
  configureWebhook,
  insertRoom,
  offlineEvent,
  roomEvent,
  useDeliveryRig,
  waitForDelivery,
} from '../helpers/deliveries.ts';

describe('delivery to the Webhooks-page endpoint', () => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig();
  beforeAll(() => ({ t, rx } = rig));
  beforeEach(() => rx.reset());
  afterEach(async () => {
    // leave no retrying delivery behind for the next test's receiver script
    await t.services.db.updateTable('deliveries').set({ status: 'failed' }).where('status', '=', 'pending').execute();
  });

  it('POSTs the stored bytes with the token header, webhook-id and timestamp; stores crmData', async () => {
    await configureWebhook(t.services, `${rx.url}/hook?x=1`, { token: 'sekret-token' });
    rx.script({ status: 200, body: '{"crm":"contact-42"}', headers: { 'content-type': 'application/json' } });
    const { rid } = await insertRoom(t.services);
    const ev = await roomEvent(t.services, rid);
    expect(ev.deliveries).toBe(1);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded');
    expect(d.attempts).toBe(1);
    const [req] = rx.requests;
    const stored = await t.services.db
      .selectFrom('events')
      .select('body')
      .where('_id', '=', ev._id)
      .executeTakeFirstOrThrow();
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/hook?x=1');
    expect(req?.body).toBe(stored.body);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-rocketchat-livechat-token']).toBe('sekret-token');
    expect(req?.headers['webhook-id']).toBe(ev._id);
    expect(Math.abs(Number(req?.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(req?.headers['webhook-signature']).toBeUndefined(); // the built-in endpoint has no secret
    const room = await t.services.db
      .selectFrom('rooms')
      .select('crm_data')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(room.crm_data).toBe('{"crm":"contact-42"}');
    const [attempt] = await attemptsOf(t.services, d._id);
    expect(attempt?.status_code).toBe(200);
    expect(attempt?.error_class).toBeNull();
    expect(JSON.parse(attempt?.request_headers ?? '{}')['x-rocketchat-livechat-token']).toBe('[redacted]');
    expect(attempt?.response_body).toBe('{"crm":"contact-42"}');
    expect(JSON.parse(attempt?.response_headers ?? '{}')['content-type']).toBe('application/json');
  });

  it('sends no token header when the token is empty; later payloads carry crmData', async () => {
    await configureWebhook(t.services, rx.url, { token: '' });
    const { rid } = await insertRoom(t.services);
    rx.script({ status: 200, body: 'first-crm' });
    const first = await roomEvent(t.services, rid, 'LivechatSessionStart');
    await waitForDelivery(t.services, first._id, (x) => x.status === 'succeeded');
    const second = await roomEvent(t.services, rid, 'LivechatSessionQueued');
    await waitForDelivery(t.services, second._id, (x) => x.status === 'succeeded');
    expect(rx.requests[0]?.headers).not.toHaveProperty('x-rocketchat-livechat-token');
    expect(JSON.parse(rx.requests[1]?.body ?? '{}').crmData).toBe('first-crm');
  });

  it('retries failures with the same webhook-id and body until a success', async () => {
    await configureWebhook(t.services, rx.url, { retries: 10, delayMs: 20 });
    rx.script({ status: 500 }, { status: 503 }, { status: 200 });
    const ev = await offlineEvent(t.services);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded');
    expect(d.attempts).toBe(3);
    expect(rx.requests).toHaveLength(3);
    expect(new Set(rx.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([ev._id]));
    expect(new Set(rx.requests.map((r) => r.body)).size).toBe(1);
    const attempts = await attemptsOf(t.services, d._id);
    expect(attempts.map((a) => a.status_code)).toEqual([500, 503, 200]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  });

  it('spends count + 1 attempts, then parks the delivery as failed', async () => {
    await configureWebhook(t.services, rx.url, { retries: 2, delayMs: 10 });
    rx.fallback = { status: 500, body: 'nope' };
    const ev = await offlineEvent(t.services);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'failed');
    expect(d.attempts).toBe(3);
    expect(d.completed_at).not.toBeNull();
    expect(d.last_status_code).toBe(500);
    expect(rx.requests).toHaveLength(3);
  });

  it('records and retries 500, 404, 301 (not followed), a hang, a reset and a huge body', async () => {
    await configureWebhook(t.services, rx.url, { retries: 10, delayMs: 10, timeoutMs: 300 });
    rx.script(
      { status: 500, body: 'boom' },
      { status: 404 },
      { redirect: `${rx.url}/elsewhere` },
      { hang: true },
      { reset: true },
      { huge: 5 * 1024 * 1024, status: 500 },
      { huge: 5 * 1024 * 1024, status: 200 },
    );
    const ev = await offlineEvent(t.services);
    const d = await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded', 15_000);
    const attempts = await attemptsOf(t.services, d._id);
    expect(attempts.map((a) => [a.status_code, a.error_class])).toEqual([
      [500, 'http'],
      [404, 'http'],
      [301, 'redirect'],
      [null, 'timeout'],
      [null, 'connection'],
      [500, 'http'],
      [200, null],
    ]);
    expect(rx.requests.map((r) => r.path)).not.toContain('/elsewhere');
    expect(attempts[0]?.response_body).toBe('boom');
    expect(attempts[3]?.duration_ms).toBeGreaterThanOrEqual(250);
    expect(attempts[5]?.response_body?.length).toBe(16 * 1024);
    expect(attempts[6]?.response_body?.length).toBe(16 * 1024);
    expect(d.attempts).toBe(7);
  });

  it('publishes each recorded attempt on the hub', async () => {
    await configureWebhook(t.services, rx.url, { delayMs: 10 });
    const seen: string[] = [];
    const off = t.services.hub.subscribe((e) => {
      if (e.kind === 'delivery') seen.push(e.status);
    });
    rx.script({ status: 500 }, { status: 200 });
    const ev = await offlineEvent(t.services);
    await waitForDelivery(t.services, ev._id, (x) => x.status === 'succeeded');
    off();
    expect(seen).toEqual(['pending', 'succeeded']);
  });
});
