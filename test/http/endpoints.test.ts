import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { TestApp, Session } from '../helpers/app.ts';

describe('webhook endpoints API', () => {
  let t: TestApp;
  let manager: Session;
  let agent: Session;
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    manager = await createStaff(t, 'mgr', ['livechat-manager']);
    agent = await createStaff(t, 'agt', ['livechat-agent']);
  });
  afterAll(async () => t.close());

  const create = (payload: Record<string, unknown>, as: Session = manager) =>
    call(t, { method: 'POST', url: '/api/v1/webhooks/endpoints', as, payload });

  it('creates an endpoint and shows the whsec_ secret only at creation', async () => {
    const r = await create({
      url: 'http://127.0.0.1:9/crm',
      events: ['LivechatSessionStart', 'Message'],
      description: 'CRM',
      headers: { 'X-Tenant': 'acme' },
    });
    expect(r.status).toBe(200);
    const ep = r.body.endpoint as Record<string, unknown>;
    expect(ep).toMatchObject({
      url: 'http://127.0.0.1:9/crm',
      events: ['LivechatSessionStart', 'Message'],
      ordering: 'room',
      enabled: true,
      retry: { kind: 'exponential' },
    });
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const one = await call(t, { method: 'GET', url: `/api/v1/webhooks/endpoints/${ep._id as string}`, as: manager });
    expect(one.body.endpoint).not.toHaveProperty('secret');
    const list = await call(t, { method: 'GET', url: '/api/v1/webhooks/endpoints', as: manager });
    const all = list.body.endpoints as { _id: string; kind: string; health: { backlog: number } }[];
    expect(all.map((e) => e.kind)).toEqual(['rocketchat', 'custom']);
    expect(all[1]!.health.backlog).toBe(0);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    // only an admin reveals it
    expect(
      (await call(t, { method: 'GET', url: `/api/v1/webhooks/endpoints/${ep._id as string}/secret`, as: manager }))
        .status,
    ).toBe(403);
    const reveal = await call(t, {
      method: 'GET',
      url: `/api/v1/webhooks/endpoints/${ep._id as string}/secret`,
      as: t.admin,
    });
    expect(reveal.body.secret).toBe(ep.secret);
  });

  it('validates every field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://x.example/a', events: ['Message'] }, 'error-invalid-url'],
      [{ url: 'not a url', events: ['Message'] }, 'error-invalid-url'],
      [{ url: 'http://user:pw@127.0.0.1/', events: ['Message'] }, 'error-invalid-url'],
      [{ url: 'http://127.0.0.1:9/', events: [] }, 'invalid-params'],
      [{ url: 'http://127.0.0.1:9/', events: ['Nope'] }, 'invalid-params'],
      [
        { url: 'http://127.0.0.1:9/', events: ['Message'], headers: { 'X-Evil': 'a\r\nInjected: 1' } },
        'invalid-params',
      ],
      [
        { url: 'http://127.0.0.1:9/', events: ['Message'], headers: { 'Content-Type': 'text/plain' } },
        'invalid-params',
      ],
      [{ url: 'http://127.0.0.1:9/', events: ['Message'], retry: { kind: 'list', delaysMs: [] } }, 'invalid-params'],
      [{ url: 'http://127.0.0.1:9/', events: ['Message'], timeoutMs: 10 }, 'invalid-params'],
      [{ url: 'http://127.0.0.1:9/', events: ['Message'], ordering: 'random' }, 'invalid-params'],
      [{ url: 'http://127.0.0.1:9/', events: ['Message'], departmentIds: ['missing'] }, 'error-invalid-department'],
      [{ url: 'http://127.0.0.1:9/', events: 'Message' }, 'invalid-params'],
    ];
    for (const [payload, code] of cases) {
      const r = await create(payload);
      expect({ payload, status: r.status, code: r.body.errorType }).toEqual({ payload, status: 400, code });
    }
  });

  it('refuses private, loopback and metadata addresses at save time unless allow-listed', async () => {
    for (const url of [
      'http://10.0.0.5/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://127.0.0.2/',
      'http://2130706434/',
      'http://0177.0.0.2/',
      'http://[::ffff:10.0.0.1]/',
    ]) {
      const r = await create({ url, events: ['Message'] });
      expect({ url, status: r.status, code: r.body.errorType }).toEqual({
        url,
        status: 400,
        code: 'error-invalid-url',
      });
      expect(String(r.body.error)).toMatch(/refused|resolve/);
    }
  });

  it('refuses a hostname that resolves to a loopback address when nothing allows it', async () => {
    const strict = await makeApp();
    try {
      const r = await call(strict, {
        method: 'POST',
        url: '/api/v1/webhooks/endpoints',
        as: strict.admin,
        payload: { url: 'http://localhost:9/', events: ['Message'] },
      });
      expect(r.status).toBe(400);
      expect(r.body.errorType).toBe('error-invalid-url');
      expect(String(r.body.error)).toContain('refused');
    } finally {
      await strict.close();
    }
  });

  it('patches, rotates, recovers and deletes; the built-in endpoint is not editable here', async () => {
    const ep = (await create({ url: 'http://127.0.0.1:9/a', events: ['Message'] })).body.endpoint as {
      _id: string;
      secret: string;
    };
    const p = await call(t, {
      method: 'PATCH',
      url: `/api/v1/webhooks/endpoints/${ep._id}`,
      as: manager,
      payload: { ordering: 'none', retry: { kind: 'list', delaysMs: [0, 1000] }, enabled: false },
    });
    expect(p.status).toBe(200);
    expect(p.body.endpoint).toMatchObject({
      ordering: 'none',
      retry: { kind: 'list', delaysMs: [0, 1000] },
      enabled: false,
      disabledReason: 'disabled by a manager',
    });
    const rot = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/rotate-secret`,
      as: manager,
      payload: { graceSeconds: 60 },
    });
    const rotated = rot.body.endpoint as { secret: string; secretRotation: { previousExpiresAt: string } };
    expect(rotated.secret).not.toBe(ep.secret);
    expect(Date.parse(rotated.secretRotation.previousExpiresAt)).toBeGreaterThan(Date.now());
    const rec = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/recover`,
      as: manager,
      payload: { since: new Date(0).toISOString() },
    });
    expect(rec.body).toMatchObject({ success: true, recovered: 0 });
    const badRange = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/recover`,
      as: manager,
      payload: { since: 'yesterday' },
    });
    expect(badRange.status).toBe(400);
    expect(
      (
        await call(t, {
          method: 'PATCH',
          url: '/api/v1/webhooks/endpoints/rocketchat',
          as: manager,
          payload: { enabled: false },
        })
      ).status,
    ).toBe(403);
    expect((await call(t, { method: 'DELETE', url: `/api/v1/webhooks/endpoints/${ep._id}`, as: manager })).status).toBe(
      200,
    );
    const gone = await call(t, { method: 'GET', url: `/api/v1/webhooks/endpoints/${ep._id}`, as: manager });
    expect(gone.status).toBe(404);
    expect(gone.body.errorType).toBe('error-invalid-endpoint');
  });

  it('queues a realistic test event of a chosen type', async () => {
    const ep = (await create({ url: 'http://127.0.0.1:9/t', events: ['Message'] })).body.endpoint as { _id: string };
    const r = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/test`,
      as: manager,
      payload: { type: 'LivechatSession' },
    });
    expect(r.status).toBe(200);
    const ev = await t.services.db
      .selectFrom('events')
      .select('body')
      .where('_id', '=', r.body.eventId as string)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.body)).toMatchObject({ type: 'LivechatSession', closer: 'user', messages: [{}, {}] });
    const bad = await call(t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${ep._id}/test`,
      as: manager,
      payload: { type: 'Bogus' },
    });
    expect(bad.status).toBe(400);
  });

  it('only managers and admins manage endpoints', async () => {
    expect((await call(t, { method: 'GET', url: '/api/v1/webhooks/endpoints' })).status).toBe(401);
    expect((await call(t, { method: 'GET', url: '/api/v1/webhooks/endpoints', as: agent })).status).toBe(403);
    expect((await create({ url: 'http://127.0.0.1:9/', events: ['Message'] }, agent)).status).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/v1/webhooks/endpoints', as: t.admin })).status).toBe(200);
  });
});
