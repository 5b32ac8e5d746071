import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';

describe('settings', () => {
  let t: TestApp;
  let manager: Session;
  let agent: Session;
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    manager = await createStaff(t, 'boss', ['livechat-manager']);
    agent = await createStaff(t, 'worker', ['livechat-agent']);
  });
  afterAll(async () => t.close());

  it('reads public settings without login and others by role', async () => {
    const pub = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_title' });
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ _id: 'Livechat_title', value: 'Omnihook', success: true });
    expect((await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_Routing_Method' })).status).toBe(401);
    expect((await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_Routing_Method', as: agent })).status).toBe(
      403,
    );
    const routing = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_Routing_Method', as: manager });
    expect(routing.body).toEqual({ _id: 'Livechat_Routing_Method', value: 'Auto_Selection', success: true });
  });

  it('keeps secret settings for admins', async () => {
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/settings/Livechat_secret_token',
          as: t.admin,
          payload: { value: 's3cret' },
        })
      ).status,
    ).toBe(200);
    const denied = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_secret_token', as: manager });
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toContain('s3cret');
    const list = await call(t, { method: 'GET', url: '/api/v1/settings?count=1000', as: manager });
    expect(JSON.stringify(list.body)).not.toContain('s3cret');
    const admin = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_secret_token', as: t.admin });
    expect(admin.body).toEqual({ _id: 'Livechat_secret_token', value: 's3cret', success: true });
  });

  it('writes with validation; the change is visible at once', async () => {
    const w = await call(t, {
      method: 'POST',
      url: '/api/v1/settings/Livechat_Routing_Method',
      as: t.admin,
      payload: { value: 'Manual_Selection' },
    });
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ success: true });
    expect(t.services.settings.get('Livechat_Routing_Method')).toBe('Manual_Selection');
    const url = await call(t, {
      method: 'POST',
      url: '/api/v1/settings/Livechat_webhookUrl',
      as: t.admin,
      payload: { value: 'http://127.0.0.1:9/hook' },
    });
    expect(url.status).toBe(200);
    const read = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_webhookUrl', as: manager });
    expect(read.body.value).toBe('http://127.0.0.1:9/hook');
    const cleared = await call(t, {
      method: 'POST',
      url: '/api/v1/settings/Livechat_webhookUrl',
      as: t.admin,
      payload: { value: '' },
    });
    expect(cleared.status).toBe(200);
    // the widget puts the title colour in a style: only a hex colour is accepted
    const colour = await call(t, {
      method: 'POST',
      url: '/api/v1/settings/Livechat_title_color',
      as: t.admin,
      payload: { value: 'red;background:url(javascript:x)' },
    });
    expect(colour.status).toBe(400);
    expect(colour.body.errorType).toBe('error-invalid-setting');
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/settings/Livechat_title_color',
          as: t.admin,
          payload: { value: '#0a0' },
        })
      ).status,
    ).toBe(200);
  });

  it('lists with paging: public only without privileges, all for admins', async () => {
    const pub = await call(t, { method: 'GET', url: '/api/v1/settings.public?count=1000' });
    expect(pub.status).toBe(200);
    const ids = (pub.body.settings as { _id: string }[]).map((x) => x._id);
    expect(ids).toContain('Livechat_title');
    expect(ids).not.toContain('Livechat_webhookUrl');
    const admin = await call(t, { method: 'GET', url: '/api/v1/settings?count=5&offset=2', as: t.admin });
    expect(admin.body).toMatchObject({ success: true, count: 5, offset: 2 });
    expect(admin.body.total as number).toBeGreaterThan(ids.length);
    const agentList = await call(t, { method: 'GET', url: '/api/v1/settings?count=1000', as: agent });
    expect(agentList.body.total).toBe(pub.body.total);
    expect((await call(t, { method: 'GET', url: '/api/v1/settings' })).status).toBe(401);
  });

  it('rejects bad input with stable codes, never 500', async () => {
    const post = (id: string, payload: unknown, headers?: Record<string, string>) =>
      call(t, {
        method: 'POST',
        url: `/api/v1/settings/${id}`,
        as: t.admin,
        payload: payload as string,
        ...(headers ? { headers } : {}),
      });
    const cases: [Awaited<ReturnType<typeof post>>, number, string][] = [
      [await post('Nope_setting', { value: true }), 400, 'error-invalid-setting'],
      [await post('Livechat_enabled', { value: 'yes' }), 400, 'error-invalid-setting'],
      [await post('Livechat_http_timeout', { value: 5 }), 400, 'error-invalid-setting'],
      [await post('Livechat_http_timeout', { value: 1.5 }), 400, 'error-invalid-setting'],
      [await post('Livechat_Routing_Method', { value: 'Random' }), 400, 'error-invalid-setting'],
      [await post('Livechat_lead_email_regex', { value: '(' }), 400, 'error-invalid-setting'],
      [await post('Livechat_webhookUrl', { value: 'not a url' }), 400, 'error-invalid-url'],
      [await post('Livechat_webhookUrl', { value: 'ftp://example.com/x' }), 400, 'error-invalid-url'],
      [await post('Livechat_webhookUrl', { value: 'https://user:pw@example.com/' }), 400, 'error-invalid-url'],
      [await post('Livechat_title', { value: 'x'.repeat(5000) }), 400, 'invalid-params'],
      [await post('Livechat_title', { value: { nested: true } }), 400, 'invalid-params'],
      [await post('Livechat_title', { value: null }), 400, 'invalid-params'],
      [await post('Livechat_title', {}), 400, 'invalid-params'],
      [await post('Livechat_title', '{"value":', { 'content-type': 'application/json' }), 400, 'error-invalid-json'],
      [await post('bad%20id', { value: 1 }), 400, 'invalid-params'],
      [
        await call(t, { method: 'GET', url: '/api/v1/settings/Nope_setting', as: t.admin }),
        400,
        'error-invalid-setting',
      ],
      [await call(t, { method: 'GET', url: '/api/v1/settings/Nope_setting' }), 401, 'unauthorized'],
      [await call(t, { method: 'GET', url: '/api/v1/settings?count=x', as: t.admin }), 400, 'invalid-params'],
    ];
    for (const [i, [r, status, errorType]] of cases.entries()) {
      expect([i, r.status, r.body.errorType]).toEqual([i, status, errorType]);
    }
    // nothing was written by the rejected requests
    expect(t.services.settings.get('Livechat_title')).toBe('Omnihook');
  });
});
