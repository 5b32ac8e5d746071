import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('metrics and the Rocket.Chat relay', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({
      env: { EGRESS_ALLOWLIST: '127.0.0.1/32', RELAY_INBOUND_TOKEN: 'inbound-secret', METRICS_TOKEN: 'scrape-me' },
    });
  });
  afterAll(async () => t.close());

  it('relays a Rocket.Chat webhook durably to subscribed endpoints, never to the Webhooks-page URL', async () => {
    await t.services.settings.setMany([
      ['Livechat_webhookUrl', 'http://127.0.0.1:9/loop'],
      ['Livechat_webhook_on_start', true],
    ]);
    const ep = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/crm', events: ['LivechatSessionStart'] },
    });
    const epId = (ep.body.endpoint as { _id: string })._id;
    const payload = { type: 'LivechatSessionStart', _id: 'rcRoom1', label: 'x', visitor: { _id: 'v' }, messages: [] };
    const bad = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/ingest/rocketchat',
      headers: { 'x-rocketchat-livechat-token': 'wrong' },
      payload,
    });
    expect(bad.status).toBe(401);
    const none = await call(t, { method: 'POST', url: '/api/v1/webhooks/ingest/rocketchat', payload });
    expect(none.status).toBe(401);
    const ok = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/ingest/rocketchat',
      headers: { 'x-rocketchat-livechat-token': 'inbound-secret' },
      payload,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.deliveries).toBe(1);
    const rows = await t.services.db
      .selectFrom('deliveries')
      .select(['endpoint_id', 'rid'])
      .where('event_id', '=', ok.body.eventId as string)
      .execute();
    expect(rows).toEqual([{ endpoint_id: epId, rid: 'rcRoom1' }]);
    const unknownType = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/ingest/rocketchat',
      headers: { 'x-rocketchat-livechat-token': 'inbound-secret' },
      payload: { type: 'Nope' },
    });
    expect(unknownType.status).toBe(400);
  });

  it('serves Prometheus metrics behind the metrics token', async () => {
    expect((await call(t, { method: 'GET', url: '/metrics' })).status).toBe(401);
    const r = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-me' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toContain('# TYPE omnihook_attempt_duration_seconds histogram');
    expect(r.body).toMatch(/omnihook_backlog\{endpoint="rocketchat"\} \d+/);
    expect(r.body).toMatch(/omnihook_deliveries\{endpoint="[^"]+",status="pending"\} 1/);
    expect(r.body).toContain('omnihook_oldest_pending_age_seconds');
  });
});

describe('relay off by default', () => {
  it('refuses the relay without RELAY_INBOUND_TOKEN, and metrics only from loopback', async () => {
    const t = await makeApp();
    try {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/webhooks/ingest/rocketchat',
        headers: { 'x-rocketchat-livechat-token': '' },
        payload: { type: 'Message' },
      });
      expect(r.status).toBe(403);
      const local = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(local.statusCode).toBe(200);
      const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.5' });
      expect(remote.statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
