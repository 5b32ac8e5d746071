/**
 * Conformance with Rocket.Chat's users.setStatus and users.getStatus (issue 14), written from
 * apps/meteor/app/api/server/v1/users.ts (setStatus: a status or a message, the valid statuses,
 * isUserFromParams / getUserFromParams, edit-other-user-info), and how the chosen status meets
 * Omnihook's presence: an invisible (offline) agent is routed no chat. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat users.setStatus (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ dialect });
    });
    afterAll(async () => t.close());

    const setStatus = (as: Session, payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url: '/api/v1/users.setStatus', payload, as });
    const getStatus = (as: Session, query = '') =>
      call(t, { method: 'GET', url: `/api/v1/users.getStatus${query}`, as });
    const rejects = (r: { status: number; body: Record<string, unknown> }, code: string, status = 400) =>
      expect([r.status, r.body.success, r.body.errorType]).toEqual([status, false, code]);

    it('sets the own status and text; getStatus shows it while connected, offline without a connection', async () => {
      const ann = await createStaff(t, `st-ann`, ['livechat-agent']);
      expect((await getStatus(ann)).body).toEqual({
        _id: ann.userId,
        connectionStatus: 'offline',
        status: 'offline',
        success: true,
      });
      const conn = await t.services.presence.connect(ann.userId, ann.authToken, () => undefined);
      expect((await getStatus(ann)).body).toMatchObject({ connectionStatus: 'online', status: 'online' });
      expect((await setStatus(ann, { status: 'busy', message: '  At lunch  ' })).body).toEqual({ success: true });
      expect((await getStatus(ann)).body).toMatchObject({ connectionStatus: 'online', status: 'busy' });
      // a message alone keeps the status; the status alone keeps the message
      expect((await setStatus(ann, { message: 'Back soon' })).status).toBe(200);
      expect((await setStatus(ann, { status: 'away' })).status).toBe(200);
      const stored = await t.services.db
        .selectFrom('user_status')
        .selectAll()
        .where('user_id', '=', ann.userId)
        .executeTakeFirst();
      expect(stored).toMatchObject({ status: 'away', status_text: 'Back soon' });
      // someone else sees the status, without connectionStatus
      expect((await getStatus(t.admin, `?username=st-ann`)).body).toEqual({
        _id: ann.userId,
        status: 'away',
        success: true,
      });
      await conn.close({ immediate: true });
      expect((await getStatus(ann)).body).toMatchObject({ connectionStatus: 'offline', status: 'offline' });
    });

    it("rejects as Rocket.Chat: no status nor message, an unknown status, another user's without edit-other-user-info", async () => {
      const bea = await createStaff(t, 'st-bea', ['livechat-agent']);
      const cid = await createStaff(t, 'st-cid', ['livechat-agent']);
      rejects(await setStatus(bea, {}), 'invalid-params');
      const bad = await setStatus(bea, { status: 'sleeping' });
      rejects(bad, 'error-invalid-status');
      expect(bad.body.error).toContain('Valid status types include online, away, offline, and busy.');
      rejects(await setStatus(bea, { status: 'busy', userId: cid.userId }), 'error-unauthorized', 403);
      // naming oneself is the own status
      expect((await setStatus(bea, { status: 'busy', username: 'st-bea' })).status).toBe(200);
      // an admin (edit-other-user-info) sets anyone's; an unknown user is error-invalid-user
      expect((await setStatus(t.admin, { status: 'away', userId: cid.userId })).status).toBe(200);
      rejects(await setStatus(t.admin, { status: 'away', username: 'nobody-here' }), 'error-invalid-user');
      rejects(await getStatus(bea, '?userId=nobody'), 'error-invalid-user');
      const anon = await call(t, { method: 'POST', url: '/api/v1/users.setStatus', payload: { status: 'online' } });
      expect(anon.status).toBe(401);
    });

    it('an invisible (offline) agent is routed no chat; back online, the queued chat goes to them', async () => {
      const dan = await availableAgent(t, 'st-dan');
      expect((await setStatus(dan, { status: 'offline' })).status).toBe(200);
      // every other available agent of this app is invisible too, so the room has nobody to go to
      const others = await t.services.db
        .selectFrom('users')
        .select('_id')
        .where('status_livechat', '=', 'available')
        .where('_id', '!=', dan.userId)
        .execute();
      for (const o of others) await setStatus(t.admin, { status: 'offline', userId: o._id });
      await newVisitor(t, `st-visitor-${dialect}`);
      const { room } = await openRoom(t, `st-visitor-${dialect}`);
      expect(room.servedBy).toBeUndefined();
      // away and busy are still routed (Rocket.Chat's default Livechat_enabled_when_agent_idle)
      expect((await setStatus(dan, { status: 'away' })).status).toBe(200);
      const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: t.admin });
      expect((info.body.room as { servedBy?: { _id: string } }).servedBy?._id).toBe(dan.userId);
    });
  });
}
