/**
 * The delivery log and replay, end to end: retries spent -> failed -> replay -> succeeded with the
 * same body and webhook-id; filters; permissions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import {
  configureWebhook,
  insertRoom,
  offlineEvent,
  roomEvent,
  runWorker,
  waitForDelivery,
} from '../helpers/deliveries.ts';

interface View {
  _id: string;
  eventId: string;
  status: string;
  attemptCount: number;
  rid: string | null;
  eventType: string;
  event: { _id: string; body: Record<string, unknown> };
  attempts: {
    attempt: number;
    statusCode: number | null;
    errorClass: string | null;
    requestHeaders: Record<string, string>;
  }[];
}

describe('delivery log and replay', () => {
  let t: TestApp;
  let rx: Receiver;
  let worker: ReturnType<typeof runWorker>;
  let agent: Session;

  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rx = await startReceiver();
    worker = runWorker(t);
    agent = await createStaff(t, 'agent-log', ['livechat-agent']);
  });
  afterAll(async () => {
    await worker.stop();
    await rx.close();
    await t.close();
  });

  it('parks after the retries, replays with the same bytes and webhook-id, then succeeds', async () => {
    await configureWebhook(t.services, rx.url, { token: 'tkn', retries: 1, delayMs: 10 });
    rx.fallback = { status: 500, body: 'down' };
    const ev = await offlineEvent(t.services, 'replay me');
    const failed = await waitForDelivery(t.services, ev._id, (d) => d.status === 'failed');
    expect(failed.attempts).toBe(2);

    const one = await call(t, { method: 'GET', url: `/api/v1/webhooks/deliveries/${failed._id}`, as: t.admin });
    expect(one.status).toBe(200);
    const view = one.body.delivery as View;
    expect(view).toMatchObject({
      _id: failed._id,
      eventId: ev._id,
      status: 'failed',
      attemptCount: 2,
      eventType: 'LivechatOfflineMessage',
    });
    expect(view.event.body).toMatchObject({ type: 'LivechatOfflineMessage', message: 'replay me' });
    expect(view.attempts.map((a) => [a.attempt, a.statusCode, a.errorClass])).toEqual([
      [1, 500, 'http'],
      [2, 500, 'http'],
    ]);
    expect(view.attempts[0]?.requestHeaders['x-rocketchat-livechat-token']).toBe('[redacted]');

    rx.fallback = { status: 200 };
    const replay = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${failed._id}/replay`,
      as: t.admin,
    });
    expect(replay.status).toBe(200);
    expect(replay.body.success).toBe(true);
    expect((replay.body.delivery as View).status).toBe('pending');
    expect((replay.body.delivery as View).attemptCount).toBe(2); // counter kept
    const done = await waitForDelivery(t.services, ev._id, (d) => d.status === 'succeeded');
    expect(done.attempts).toBe(3);
    expect(rx.requests).toHaveLength(3);
    expect(new Set(rx.requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([ev._id]));
    expect(new Set(rx.requests.map((r) => r.body)).size).toBe(1);
  });

  it('404s an unknown delivery for get and replay', async () => {
    const get = await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries/nope', as: t.admin });
    expect(get.status).toBe(404);
    expect(get.body.errorType).toBe('error-invalid-delivery');
    const replay = await call(t, { method: 'POST', url: '/api/v1/webhooks/deliveries/nope/replay', as: t.admin });
    expect(replay.status).toBe(404);
    expect(replay.body).toMatchObject({ success: false, errorType: 'error-invalid-delivery' });
  });

  it('lists with filters and paging', async () => {
    rx.reset();
    await configureWebhook(t.services, rx.url, { retries: 0 });
    const { rid } = await insertRoom(t.services);
    const start = await roomEvent(t.services, rid, 'LivechatSessionStart');
    const queued = await roomEvent(t.services, rid, 'LivechatSessionQueued');
    await waitForDelivery(t.services, queued._id, (d) => d.status === 'succeeded');
    await waitForDelivery(t.services, start._id, (d) => d.status === 'succeeded');

    const byRoom = await call(t, { method: 'GET', url: `/api/v1/webhooks/deliveries?roomId=${rid}`, as: t.admin });
    expect(byRoom.status).toBe(200);
    expect(byRoom.body).toMatchObject({ total: 2, count: 2, offset: 0, success: true });
    const list = byRoom.body.deliveries as View[];
    expect(list.map((d) => d.eventType)).toEqual(['LivechatSessionQueued', 'LivechatSessionStart']); // newest first
    expect(list[0]?.event.body).toMatchObject({ type: 'LivechatSessionQueued', _id: rid });

    const typed = await call(t, {
      method: 'GET',
      url: `/api/v1/webhooks/deliveries?roomId=${rid}&eventType=LivechatSessionStart`,
      as: t.admin,
    });
    expect(typed.body.total).toBe(1);
    const page = await call(t, {
      method: 'GET',
      url: `/api/v1/webhooks/deliveries?roomId=${rid}&count=1&offset=1`,
      as: t.admin,
    });
    expect(page.body).toMatchObject({ total: 2, count: 1, offset: 1 });
    expect((page.body.deliveries as View[])[0]?.eventType).toBe('LivechatSessionStart');
    const succeeded = await call(t, {
      method: 'GET',
      url: '/api/v1/webhooks/deliveries?status=succeeded&endpointId=rocketchat',
      as: t.admin,
    });
    expect(succeeded.body.total).toBeGreaterThanOrEqual(3);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await call(t, {
      method: 'GET',
      url: `/api/v1/webhooks/deliveries?since=${encodeURIComponent(future)}`,
      as: t.admin,
    });
    expect(none.body.total).toBe(0);
    const until = await call(t, {
      method: 'GET',
      url: `/api/v1/webhooks/deliveries?until=${encodeURIComponent(future)}`,
      as: t.admin,
    });
    expect(until.body.total).toBeGreaterThanOrEqual(3);
    const bad = await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries?since=yesterday', as: t.admin });
    expect(bad.status).toBe(400);
    const badStatus = await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries?status=lost', as: t.admin });
    expect(badStatus.status).toBe(400);
  });

  it('needs view-webhook-deliveries', async () => {
    expect((await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries', as: agent })).status).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries' })).status).toBe(401);
    expect((await call(t, { method: 'POST', url: '/api/v1/webhooks/deliveries/x/replay', as: agent })).status).toBe(
      403,
    );
  });
});
