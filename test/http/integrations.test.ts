/**
 * The Webhooks page routes, with Rocket.Chat's shapes: read, save (camelCase, only keys present,
 * false saves), permissions, and "Send test" against a real receiver both ways.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';

const FLAGS = [
  'Livechat_webhook_on_start',
  'Livechat_webhook_on_close',
  'Livechat_webhook_on_chat_taken',
  'Livechat_webhook_on_chat_queued',
  'Livechat_webhook_on_forward',
  'Livechat_webhook_on_offline_msg',
  'Livechat_webhook_on_visitor_message',
  'Livechat_webhook_on_agent_message',
];

describe('Webhooks page routes', () => {
  let t: TestApp;
  let rx: Receiver;
  let agent: Session;
  let manager: Session;

  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.0/8' } });
    rx = await startReceiver();
    agent = await createStaff(t, 'agent-i', ['livechat-agent']);
    manager = await createStaff(t, 'manager-i', ['livechat-manager']);
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });
  beforeEach(() => rx.reset());

  const save = (payload: Record<string, unknown>, as: Session = t.admin) =>
    call(t, { method: 'POST', url: '/api/v1/omnichannel/integrations', as, payload });
  const read = async (as: Session = t.admin) => {
    const res = await call(t, { method: 'GET', url: '/api/v1/livechat/integrations.settings', as });
    return {
      ...res,
      byId: new Map((res.body.settings as { _id: string; value: unknown }[] | undefined)?.map((x) => [x._id, x.value])),
    };
  };

  it('reads URL, token, timeout and the 8 flags', async () => {
    const r = await read();
    expect(r.status).toBe(200);
    expect(r.body.success).toBe(true);
    expect([...r.byId.keys()].sort()).toEqual(
      ['Livechat_webhookUrl', 'Livechat_secret_token', 'Livechat_http_timeout', ...FLAGS].sort(),
    );
    expect(r.byId.get('Livechat_http_timeout')).toBe(5000);
    expect(r.byId.get('Livechat_webhook_on_start')).toBe(false);
  });

  it('saves only the keys present, camelCase, and false saves', async () => {
    expect(
      (
        await save({
          LivechatWebhookUrl: 'http://127.0.0.1:9/hook',
          LivechatSecretToken: 'tok',
          LivechatHttpTimeout: 3000,
          LivechatWebhookOnStart: true,
          LivechatWebhookOnClose: true,
        })
      ).body,
    ).toEqual({ success: true });
    expect((await save({ LivechatWebhookOnStart: false })).status).toBe(200);
    const r = await read(manager);
    expect(r.byId.get('Livechat_webhookUrl')).toBe('http://127.0.0.1:9/hook');
    expect(r.byId.get('Livechat_secret_token')).toBe(''); // masked: a manager may not edit it (security.test.ts)
    expect((await read()).byId.get('Livechat_secret_token')).toBe('tok');
    expect(r.byId.get('Livechat_http_timeout')).toBe(3000);
    expect(r.byId.get('Livechat_webhook_on_start')).toBe(false); // false was saved
    expect(r.byId.get('Livechat_webhook_on_close')).toBe(true); // untouched
    expect(t.services.settings.get('Livechat_webhook_on_start')).toBe(false);
  });

  it('writes the Webhooks page through to the built-in endpoint row, in the same transaction', async () => {
    const row = () =>
      t.services.db.selectFrom('endpoints').selectAll().where('_id', '=', 'rocketchat').executeTakeFirstOrThrow();
    await save({
      LivechatWebhookUrl: 'http://127.0.0.1:9/through',
      LivechatSecretToken: 'through-tok',
      LivechatHttpTimeout: 4321,
      LivechatWebhookOnStart: true,
      LivechatWebhookOnVisitorMessage: true,
      LivechatWebhookOnAgentMessage: false,
      LivechatWebhookOnClose: false,
    });
    const r = await row();
    expect(r).toMatchObject({ url: 'http://127.0.0.1:9/through', token: 'through-tok', timeout_ms: 4321 });
    const events = JSON.parse(r.events) as string[];
    expect(events).toContain('LivechatSessionStart');
    expect(events).toContain('Message:visitor');
    expect(events).not.toContain('Message:agent');
    expect(events).not.toContain('LivechatSession');
    expect(events).toContain('LivechatEdit'); // always sent, as Rocket.Chat does
    // a refused change leaves the row as it was
    expect((await save({ LivechatWebhookUrl: 'http://10.0.0.1/x', LivechatHttpTimeout: 999 })).status).toBe(400);
    expect(await row()).toMatchObject({ url: 'http://127.0.0.1:9/through', timeout_ms: 4321 });
    expect((await save({ LivechatSecretToken: '' })).status).toBe(200);
    expect((await row()).token).toBeNull();
    await save({
      LivechatWebhookUrl: 'http://127.0.0.1:9/hook',
      LivechatSecretToken: 'tok',
      LivechatHttpTimeout: 3000,
    });
  });

  it('refuses unknown keys, bad URLs and bad values with 400', async () => {
    const unknown = await save({ LivechatWebhookOnStart: true, LivechatFoo: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ success: false, errorType: 'invalid-params' });
    expect(unknown.body.error).toContain('LivechatFoo');
    for (const url of ['not a url', 'ftp://example.com/x', 'javascript:alert(1)', 'https://user:pw@example.com/']) {
      const bad = await save({ LivechatWebhookUrl: url });
      expect(bad.status, url).toBe(400);
      expect(bad.body).toMatchObject({ success: false, errorType: 'error-invalid-url' });
    }
    const timeout = await save({ LivechatHttpTimeout: 1 });
    expect(timeout.status).toBe(400);
    expect(timeout.body.errorType).toBe('error-invalid-setting');
    const type = await save({ LivechatWebhookOnClose: 'yes' });
    expect(type.status).toBe(400);
    // nothing half-saved
    expect(t.services.settings.get('Livechat_webhookUrl')).toBe('http://127.0.0.1:9/hook');
    expect((await save({ LivechatWebhookUrl: '' })).status).toBe(200); // clearing is allowed
  });

  it('needs view-livechat-manager: agent 403, anonymous 401', async () => {
    expect((await read(agent)).status).toBe(403);
    expect((await save({ LivechatWebhookOnStart: true }, agent)).status).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/v1/livechat/integrations.settings' })).status).toBe(401);
    expect((await call(t, { method: 'POST', url: '/api/v1/omnichannel/integrations', payload: {} })).status).toBe(401);
    const test = await call(t, { method: 'POST', url: '/api/v1/livechat/webhook.test', as: agent });
    expect(test.status).toBe(403);
    expect(test.body.errorType).toBe('error-unauthorized');
  });

  it('webhook.test: 400 without a URL', async () => {
    await save({ LivechatWebhookUrl: '' });
    const res = await call(t, { method: 'POST', url: '/api/v1/livechat/webhook.test', as: manager });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, errorType: 'error-webhook-not-configured' });
  });

  it('webhook.test: sends the sample once with the token; 200 on 2xx', async () => {
    await save({ LivechatWebhookUrl: `${rx.url}/test`, LivechatSecretToken: 'the-token', LivechatHttpTimeout: 2000 });
    rx.script({ status: 200 });
    const res = await call(t, { method: 'POST', url: '/api/v1/livechat/webhook.test', as: manager });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
    expect(rx.requests).toHaveLength(1);
    const req = rx.requests[0]!;
    expect(req.path).toBe('/test');
    expect(req.headers['x-rocketchat-livechat-token']).toBe('the-token');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toMatchObject({ type: 'LivechatSession', _id: 'fasd6f5a4sd6f8a4sdf', label: 'title' });
  });

  it('webhook.test: 400 error-webhook-test-failed with the receiver status otherwise, never retried', async () => {
    await save({ LivechatWebhookUrl: `${rx.url}/test`, LivechatSecretToken: '' });
    rx.script({ status: 500 });
    const res = await call(t, { method: 'POST', url: '/api/v1/livechat/webhook.test', as: manager });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, errorType: 'error-webhook-test-failed' });
    expect(res.body.error).toContain('500');
    expect(rx.requests).toHaveLength(1);
    expect(rx.requests[0]?.headers).not.toHaveProperty('x-rocketchat-livechat-token');
    rx.script({ redirect: 'http://example.com/' });
    const redirect = await call(t, { method: 'POST', url: '/api/v1/livechat/webhook.test', as: manager });
    expect(redirect.body.error).toContain('301');
  });

  it('refuses a private address outside the allow-list when it is saved, as for any endpoint', async () => {
    const res = await save({ LivechatWebhookUrl: 'http://169.254.169.254/latest/meta-data' });
    expect(res.status).toBe(400);
    expect(res.body.errorType).toBe('error-invalid-url');
    expect(t.services.settings.get('Livechat_webhookUrl')).not.toContain('169.254');
    const row = await t.services.db
      .selectFrom('endpoints')
      .select('url')
      .where('_id', '=', 'rocketchat')
      .executeTakeFirstOrThrow();
    expect(row.url).not.toContain('169.254');
  });
});
