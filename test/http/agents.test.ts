import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';

describe('livechat/users/:type', () => {
  let t: TestApp;
  let manager: Session;
  let agent: Session;
  beforeAll(async () => {
    t = await makeApp();
    manager = await createStaff(t, 'boss', ['livechat-manager']);
    agent = await createStaff(t, 'worker', ['livechat-agent']);
    for (const u of ['alice', 'alfred', 'zed']) {
      await t.services.users.create({ username: u, password: 'password-123', name: u.toUpperCase() });
    }
  });
  afterAll(async () => t.close());

  it('adds an agent by username and lists it with statusLivechat and departments', async () => {
    const add = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/users/agent',
      as: manager,
      payload: { username: 'alice' },
    });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({
      success: true,
      user: { username: 'alice', statusLivechat: 'not-available', departments: [] },
    });
    const user = add.body.user as { _id: string; roles: string[] };
    expect(user.roles).toContain('livechat-agent');
    expect(add.body.user).not.toHaveProperty('password_hash');

    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: manager,
      payload: {
        department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true },
        agents: [{ agentId: user._id }],
      },
    });
    expect(dep.status).toBe(200);
    const depId = (dep.body.department as { _id: string })._id;

    const list = await call(t, { method: 'GET', url: '/api/v1/livechat/users/agent?text=ALI&count=10', as: manager });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, count: 1, offset: 0, total: 1 });
    expect(list.body.users).toEqual([
      expect.objectContaining({ username: 'alice', statusLivechat: 'not-available', departments: [depId] }),
    ]);

    const one = await call(t, { method: 'GET', url: `/api/v1/livechat/users/agent/${user._id}`, as: manager });
    expect(one.status).toBe(200);
    expect(one.body.user).toMatchObject({ _id: user._id, username: 'alice', departments: [depId] });
  });

  it('adding twice is idempotent; paging counts and offsets', async () => {
    for (const username of ['alfred', 'alfred', 'zed']) {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/users/agent',
        as: t.admin,
        payload: { username },
      });
      expect(r.status).toBe(200);
    }
    const page = await call(t, { method: 'GET', url: '/api/v1/livechat/users/agent?count=2&offset=1', as: agent });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ count: 2, offset: 1, total: 4 });
    expect((page.body.users as { username: string }[]).map((u) => u.username)).toEqual(['alice', 'worker']);
  });

  it('answers user: null for a user without the role', async () => {
    const zed = await t.services.users.getByUsername('boss');
    const r = await call(t, { method: 'GET', url: `/api/v1/livechat/users/agent/${zed!._id}`, as: manager });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ user: null, success: true });
  });

  it('removing an agent drops the role and the department links', async () => {
    const alice = (await t.services.users.getByUsername('alice'))!;
    const del = await call(t, { method: 'DELETE', url: `/api/v1/livechat/users/agent/${alice._id}`, as: manager });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    expect((await t.services.users.get(alice._id))!.roles).not.toContain('livechat-agent');
    expect((await t.services.departments.departmentIdsByAgent([alice._id])).get(alice._id)).toEqual([]);
    const again = await call(t, { method: 'DELETE', url: `/api/v1/livechat/users/agent/${alice._id}`, as: manager });
    expect(again.status).toBe(400);
    expect(again.body.errorType).toBe('error-user-not-found');
  });

  it('adds and removes managers (admin only)', async () => {
    const add = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/users/manager',
      as: t.admin,
      payload: { username: 'zed' },
    });
    expect(add.status).toBe(200);
    expect(add.body.user).not.toHaveProperty('departments');
    const list = await call(t, { method: 'GET', url: '/api/v1/livechat/users/manager', as: manager });
    expect((list.body.users as { username: string }[]).map((u) => u.username)).toEqual(['boss', 'zed']);
    const byManager = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/users/manager',
      as: manager,
      payload: { username: 'alfred' },
    });
    expect(byManager.status).toBe(403);
    const id = (add.body.user as { _id: string })._id;
    expect((await call(t, { method: 'DELETE', url: `/api/v1/livechat/users/manager/${id}`, as: t.admin })).status).toBe(
      200,
    );
  });

  it('rejects bad input with stable codes, never 500', async () => {
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [
        { method: 'POST', url: '/api/v1/livechat/users/agent', payload: { username: 'ghost' } },
        400,
        'error-user-not-found',
      ],
      [{ method: 'POST', url: '/api/v1/livechat/users/agent', payload: { username: 42 } }, 400, 'invalid-params'],
      [{ method: 'POST', url: '/api/v1/livechat/users/agent', payload: {} }, 400, 'invalid-params'],
      [
        { method: 'POST', url: '/api/v1/livechat/users/agent', payload: { username: 'x'.repeat(65) } },
        400,
        'invalid-params',
      ],
      [
        {
          method: 'POST',
          url: '/api/v1/livechat/users/agent',
          headers: { 'content-type': 'application/json' },
          payload: '{"username":',
        },
        400,
        'error-invalid-json',
      ],
      [{ method: 'POST', url: '/api/v1/livechat/users/bot', payload: { username: 'zed' } }, 400, 'invalid-params'],
      [{ method: 'GET', url: '/api/v1/livechat/users/bot' }, 400, 'invalid-params'],
      [{ method: 'GET', url: '/api/v1/livechat/users/agent?count=abc' }, 400, 'invalid-params'],
      [{ method: 'GET', url: '/api/v1/livechat/users/agent?count=5000' }, 400, 'invalid-params'],
      [{ method: 'GET', url: `/api/v1/livechat/users/agent?text=${'a'.repeat(300)}` }, 400, 'invalid-params'],
      [{ method: 'GET', url: '/api/v1/livechat/users/agent/nobody' }, 400, 'error-user-not-found'],
      [{ method: 'GET', url: '/api/v1/livechat/users/agent/bad%20id' }, 400, 'invalid-params'],
      [{ method: 'DELETE', url: '/api/v1/livechat/users/agent/nobody' }, 400, 'error-user-not-found'],
    ];
    for (const [req, status, errorType] of cases) {
      const r = await call(t, { ...req, as: t.admin });
      expect([req.method, req.url, r.status, r.body.errorType]).toEqual([req.method, req.url, status, errorType]);
      expect(r.body.success).toBe(false);
    }
  });
});
