/**
 * Rocket.Chat's `livechat/agent.status` (apps/meteor/app/livechat/server/api/v1/agent.ts), in its
 * order: someone who is not an agent 404 "Agent not found", a deactivated agent 400
 * `error-user-deactivated`, another agent without manage-livechat-agents 403; toggles without a
 * status. On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`livechat/agent.status (${dialect})`, () => {
    let t: TestApp;
    let ann: Session;
    let bea: Session;
    let mgr: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      ann = await createStaff(t, 'ann-status', ['livechat-agent']);
      bea = await createStaff(t, 'bea-status', ['livechat-agent']);
      mgr = await createStaff(t, 'mgr-status', ['livechat-manager']);
    });
    afterAll(() => t?.close());
    const status = (as: Session, payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as, payload });

    it('toggles without a status, sets with one', async () => {
      expect((await status(ann, {})).body).toEqual({ status: 'available', success: true });
      expect((await status(ann, {})).body).toEqual({ status: 'not-available', success: true });
      expect((await status(ann, { status: 'available' })).body).toEqual({ status: 'available', success: true });
    });

    it('404 for someone who is not an agent, also before the permission check', async () => {
      const self = await status(mgr, { status: 'available' });
      expect(self.status).toBe(404);
      expect(self.body.errorType).toBe('error-not-found');
      expect(String(self.body.error)).toContain('Agent not found');
      const unknown = await status(ann, { agentId: 'NoSuchUser12345', status: 'available' });
      expect(unknown.status).toBe(404);
    });

    it("403 for another agent's status without manage-livechat-agents; a manager may", async () => {
      const denied = await status(ann, { agentId: bea.userId, status: 'available' });
      expect(denied.status).toBe(403);
      const ok = await status(mgr, { agentId: bea.userId, status: 'available' });
      expect(ok.body).toEqual({ status: 'available', success: true });
    });

    it('400 error-user-deactivated for a deactivated agent', async () => {
      const off = await call(t, {
        method: 'POST',
        url: '/api/v1/users.setActiveStatus',
        as: t.admin,
        payload: { userId: bea.userId, activeStatus: false },
      });
      expect(off.status).toBe(200);
      const res = await status(mgr, { agentId: bea.userId, status: 'available' });
      expect(res.status).toBe(400);
      expect(res.body.errorType).toBe('error-user-deactivated');
    });

    it('refuses an unknown status value', async () => {
      const res = await status(ann, { status: 'away' });
      expect(res.status).toBe(400);
      expect(res.body.errorType).toBe('invalid-params');
    });
  });
}
