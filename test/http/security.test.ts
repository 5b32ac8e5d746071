/**
 * Issue 12, item 9, through the real app: hostile Webhooks-page URLs refused at save on both save
 * routes; the Secret Token masked for whoever may not edit it; visitor tokens never in the log,
 * path or query; paging bounds answered 4xx on every list route; login back-off that slows an
 * attacker without locking out the real user; an oversized WebSocket frame logged once, at warn.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import type { FastifyInstance } from 'fastify';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { buildApp } from '../../src/http/app.ts';
import { DDP_MAX_FRAME_BYTES } from '../../src/http/routes/ddp.ts';

/** Refused by the URL rules or by the egress policy (no EGRESS_ALLOWLIST here). */
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/plain,hello',
  'ftp://example.com/hook',
  'gopher://example.com/',
  'ws://example.com/hook',
  'not a url',
  'http://',
  'http://user:pw@example.com/hook',
  'http://localhost/hook',
  'http://127.0.0.1/hook',
  'http://127.1/hook',
  'http://127.0.0.1:9/a\r\nHost: evil',
  'http://0.0.0.0/',
  'http://0/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://017700000001/',
  'http://10.0.0.1/',
  'http://172.16.0.1/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://240.0.0.1/',
  'http://192.0.2.10/',
  'http://198.18.0.1/',
  'http://[::1]/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[fe80::1]/',
  'http://[fc00::1]/',
  'http://[fd12:3456::1]/',
  'http://[ff02::1]/',
];

/** A pino logger writing every line to memory. */
function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => lines.join('\n') };
}

describe('security fixes of issue 12', () => {
  let t: TestApp;
  let manager: Session;
  beforeAll(async () => {
    t = await makeApp();
    manager = await createStaff(t, 'sec-manager', ['livechat-manager']);
  });
  afterAll(async () => t.close());

  it(`refuses ${HOSTILE_URLS.length} hostile Webhooks-page URLs at save, on both routes, and keeps the saved one`, async () => {
    const good = 'https://93.184.216.34/hook'; // a public address: no DNS needed at save
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/settings/Livechat_webhookUrl',
          as: t.admin,
          payload: { value: good },
        })
      ).status,
    ).toBe(200);
    const accepted: string[] = [];
    for (const url of HOSTILE_URLS) {
      const a = await call(t, {
        method: 'POST',
        url: '/api/v1/omnichannel/integrations',
        as: t.admin,
        payload: { LivechatWebhookUrl: url },
      });
      const b = await call(t, {
        method: 'POST',
        url: '/api/v1/settings/Livechat_webhookUrl',
        as: t.admin,
        payload: { value: url },
      });
      for (const [route, r] of [
        ['integrations', a],
        ['settings', b],
      ] as const) {
        if (r.status !== 400 || !['error-invalid-url', 'error-invalid-setting'].includes(String(r.body.errorType)))
          accepted.push(`${route} ${JSON.stringify(url)}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    expect(accepted).toEqual([]);
    expect(t.services.settings.get('Livechat_webhookUrl')).toBe(good);
  });

  it('masks the Secret Token in integrations.settings for whoever may not edit it; a save without it keeps it', async () => {
    await call(t, {
      method: 'POST',
      url: '/api/v1/omnichannel/integrations',
      as: t.admin,
      payload: { LivechatSecretToken: 'tok-s3cret' },
    });
    const read = async (as: Session) => {
      const r = await call(t, { method: 'GET', url: '/api/v1/livechat/integrations.settings', as });
      return (r.body.settings as { _id: string; value: unknown; masked?: boolean }[]).find(
        (x) => x._id === 'Livechat_secret_token',
      );
    };
    expect(await read(t.admin)).toMatchObject({ value: 'tok-s3cret', secret: true });
    const masked = await read(manager);
    expect(masked).toMatchObject({ value: '', secret: true, masked: true });
    const whole = await call(t, { method: 'GET', url: '/api/v1/livechat/integrations.settings', as: manager });
    expect(JSON.stringify(whole.body)).not.toContain('tok-s3cret');
    // as settings/:_id refuses it to the same users
    expect((await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_secret_token', as: manager })).status).toBe(
      403,
    );
    // the manager saves the page as the page does (the token left out when unchanged): it is kept
    const save = await call(t, {
      method: 'POST',
      url: '/api/v1/omnichannel/integrations',
      as: manager,
      payload: { LivechatHttpTimeout: 4000 },
    });
    expect(save.status).toBe(200);
    expect(t.services.settings.get('Livechat_secret_token')).toBe('tok-s3cret');
  });

  it('never logs a visitor token, whether in the path or in the query', async () => {
    const log = memoryLog();
    const app: FastifyInstance = await buildApp(t.services, { logger: log.logger });
    await app.ready();
    try {
      const token = 'visitor-tok-4d1f2e9a8b7c6d5e';
      const urls = [
        `/api/v1/livechat/visitor/${token}`,
        `/api/v1/livechat/agent.info/some-room/${token}`,
        `/api/v1/livechat/agent.next/${token}`,
        `/api/v1/livechat/config?token=${token}`,
        `/api/v1/livechat/messages.history/some-room?token=${token}`,
      ];
      for (const url of urls) await app.inject({ method: 'GET', url });
      await app.inject({ method: 'DELETE', url: `/api/v1/livechat/visitor/${token}` });
      expect(log.lines.length).toBeGreaterThan(0);
      expect(log.text()).toContain('/api/v1/livechat/visitor/[redacted]');
      expect(log.text()).toContain('/api/v1/livechat/agent.info/some-room/[redacted]');
      expect(log.text()).not.toContain(token);
    } finally {
      await app.close();
    }
  });

  it('answers 4xx, never 500, to out-of-range paging on every list route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const lists = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'query' && p.name === 'offset'))
        .map(([method]) => ({
          method: method.toUpperCase(),
          path: path.replace(/\{type\}/, 'agent').replace(/\{_id\}/, 'x'),
        })),
    );
    expect(lists.length).toBeGreaterThanOrEqual(8);
    const bad: string[] = [];
    for (const { method, path } of lists) {
      for (const q of [
        'offset=9223372036854775808',
        'offset=9223372036854775807',
        'offset=1e300',
        'offset=-1',
        'count=9223372036854775808',
        'count=-1',
        'offset=2147483648',
      ]) {
        const r = await call(t, { method: method as 'GET', url: `${path}?${q}`, as: t.admin });
        if (r.status !== 400) bad.push(`${method} ${path}?${q}: ${r.status} ${r.res.body.slice(0, 120)}`);
      }
      const ok = await call(t, { method: method as 'GET', url: `${path}?offset=2147483647&count=1`, as: t.admin });
      if (ok.status >= 500) bad.push(`${method} ${path} at the largest offset: ${ok.status}`);
    }
    expect(bad).toEqual([]);
  });

  it('slows a password guesser from one address without locking the real user out from another', async () => {
    await createStaff(t, 'sec-victim', ['livechat-agent']);
    const login = (password: string, ip: string) =>
      call(t, { method: 'POST', url: '/api/v1/login', remoteAddress: ip, payload: { user: 'sec-victim', password } });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(`wrong-${i}`, '203.0.113.66')).status);
    // five tries cost nothing (typos), then the pair backs off: refused without checking the password
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const slowed = await login('sec-victim-pass-123', '203.0.113.66');
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ success: false, errorType: 'error-too-many-requests' });
    // the real user, elsewhere, logs in at once
    const real = await login('sec-victim-pass-123', '198.51.100.7');
    expect(real.status).toBe(200);
  });

  it('logs an oversized WebSocket frame once, at warn, without a stack', async () => {
    const log = memoryLog();
    const app = await buildApp(t.services, { logger: log.logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const addr = app.server.address();
      const ws = new WebSocket(`ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/websocket`);
      ws.on('error', () => undefined);
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      ws.send('x'.repeat(DDP_MAX_FRAME_BYTES + 1));
      expect(await closed).toBe(1009);
      await new Promise((r) => setTimeout(r, 50));
      const entries = log.lines.map(
        (l) => JSON.parse(l) as { level: number; msg?: string; err?: unknown; stack?: unknown },
      );
      const about = entries.filter((e) => /frame|payload/i.test(JSON.stringify(e)));
      expect(about).toHaveLength(1);
      expect(about[0]!.level).toBe(40);
      expect(JSON.stringify(about[0])).not.toMatch(/stack|\n\s+at /);
      expect(entries.filter((e) => e.level >= 50)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
