/**
 * GET /api/health/live and /api/health/ready, on both dialects: open to everyone (a load balancer
 * has no login), live never touches the store, ready answers 503 error-unavailable with
 * Retry-After once the store cannot answer; /api/info keeps Rocket.Chat's meaning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`health routes (${dialect})`, () => {
    let t: TestApp;
    let agent: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      agent = await createStaff(t, 'health-agent', ['livechat-agent']);
    });
    afterAll(async () => t.close());

    it('answers live and ready to anyone, logged in or not', async () => {
      for (const as of [undefined, agent, t.admin]) {
        const live = await call(t, { method: 'GET', url: '/api/health/live', as });
        expect(live.status).toBe(200);
        expect(live.body).toEqual({ success: true, status: 'live' });
        const ready = await call(t, { method: 'GET', url: '/api/health/ready', as });
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ success: true, status: 'ready' });
      }
      // a bad token is not a reason to say the server is down
      const bad = await call(t, {
        method: 'GET',
        url: '/api/health/ready',
        headers: { 'x-user-id': 'nobody', 'x-auth-token': 'wrong' },
      });
      expect([200, 401]).toContain(bad.status);
    });

    it('ignores a query string and refuses other methods', async () => {
      expect((await call(t, { method: 'GET', url: '/api/health/ready?verbose=1' })).status).toBe(200);
      const post = await call(t, { method: 'POST', url: '/api/health/ready', payload: {} });
      expect(post.status).toBe(404);
      expect(post.body.errorType).toBe('error-not-found');
    });

    it('says not ready, 503 with Retry-After, once the store is gone, while live stays 200', async () => {
      await t.services.store.close();
      const ready = await t.app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ success: false, errorType: 'error-unavailable' });
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
      expect((await t.app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/info' })).statusCode).toBe(200);
    });
  });
}
