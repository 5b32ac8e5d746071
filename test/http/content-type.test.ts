/**
 * Rocket.Chat answers JSON with exactly `Content-Type: application/json` (no charset); clients that
 * compare the header whole must see the same here, on success and on every kind of error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('JSON Content-Type', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t?.close());

  it.each([
    [
      'login',
      { method: 'POST' as const, url: '/api/v1/login', payload: { user: 'admin', password: 'admin-pass-123' } },
      200,
    ],
    ['bad login', { method: 'POST' as const, url: '/api/v1/login', payload: { user: 'admin', password: 'nope' } }, 401],
    ['info', { method: 'GET' as const, url: '/api/info' }, 200],
    ['no route', { method: 'GET' as const, url: '/api/v1/no-such-route' }, 404],
    [
      'malformed JSON',
      {
        method: 'POST' as const,
        url: '/api/v1/livechat/visitor',
        payload: '{"visitor":',
        headers: { 'content-type': 'application/json' },
      },
      400,
    ],
    ['livechat config', { method: 'GET' as const, url: '/api/v1/livechat/config' }, 200],
  ])('%s answers application/json exactly', async (_name, req, status) => {
    const res = await t.app.inject(req);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/json');
    expect(() => JSON.parse(res.body) as unknown).not.toThrow();
  });

  it('staff routes too', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: t.admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
  });
});
