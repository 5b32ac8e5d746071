import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('logs in with user or username and reads /me', async () => {
    const a = await call(t, {
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: 'admin', password: 'admin-pass-123' },
    });
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('success');
    const data = a.body.data as { userId: string; authToken: string; me: { username: string } };
    expect(data.me.username).toBe('admin');
    const me = await call(t, {
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-user-id': data.userId, 'x-auth-token': data.authToken },
    });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect(me.body).not.toHaveProperty('password_hash');
  });

  it('rejects a wrong password, a bad token, and a malformed body with stable codes', async () => {
    const bad = await call(t, { method: 'POST', url: '/api/v1/login', payload: { user: 'admin', password: 'nope' } });
    expect(bad.status).toBe(401);
    expect(bad.body.errorType).toBe('error-login-failed');
    const tok = await call(t, {
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-user-id': t.admin.userId, 'x-auth-token': 'forged' },
    });
    expect(tok.status).toBe(401);
    expect(tok.body).toMatchObject({ success: false, errorType: 'unauthorized' });
    const json = await call(t, {
      method: 'POST',
      url: '/api/v1/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"user":',
    });
    expect(json.status).toBe(400);
    expect(json.body.errorType).toBe('error-invalid-json');
    const types = await call(t, { method: 'POST', url: '/api/v1/login', payload: { user: 'admin', password: 12345 } });
    expect(types.status).toBe(400);
    expect(types.body.errorType).toBe('invalid-params');
    const anon = await call(t, { method: 'GET', url: '/api/v1/me' });
    expect(anon.status).toBe(401);
  });

  it('rate-limits repeated failed logins per user', async () => {
    await createStaff(t, 'victim', ['livechat-agent']);
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (
        await call(t, { method: 'POST', url: '/api/v1/login', payload: { user: 'victim', password: `wrong-${i}` } })
      ).status;
    }
    expect(last).toBe(429);
    // even the right password waits until the window passes
    const right = await call(t, {
      method: 'POST',
      url: '/api/v1/login',
      payload: { user: 'victim', password: 'victim-pass-123' },
    });
    expect(right.status).toBe(429);
    expect(right.body.errorType).toBe('error-too-many-requests');
  });

  it('logout revokes the token', async () => {
    const s = await createStaff(t, 'leaver', ['livechat-agent']);
    expect((await call(t, { method: 'POST', url: '/api/v1/logout', as: s })).status).toBe(200);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: s })).status).toBe(401);
  });

  it('checks who is calling before looking at the body', async () => {
    const anon = await call(t, { method: 'POST', url: '/api/v1/users.create', payload: { username: 42 } });
    expect(anon.status).toBe(401);
    const agent = await createStaff(t, 'nosy', ['livechat-agent']);
    const forbidden = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: agent,
      payload: { url: 7 },
    });
    expect(forbidden.status).toBe(403);
  });

  it('only an admin creates users', async () => {
    const agent = await createStaff(t, 'agent1', ['livechat-agent']);
    const res = await call(t, {
      method: 'POST',
      url: '/api/v1/users.create',
      as: agent,
      payload: { username: 'x', password: 'password123' },
    });
    expect(res.status).toBe(403);
    expect(res.body.errorType).toBe('error-unauthorized');
  });
});
