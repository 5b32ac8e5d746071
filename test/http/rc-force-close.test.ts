/**
 * Rocket.Chat's force close (issue 14): `livechat/room.closeByUser` with `forceClose: true`
 * (apps/meteor/app/lib/server/functions/closeLivechatRoom.ts): a room that reads as closed is
 * closed again instead of answering error-room-already-closed; the permission check still holds.
 * Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat force close (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ dialect });
    });
    afterAll(async () => t.close());

    const close = (rid: string, extra: Record<string, unknown>, as = t.admin) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', payload: { rid, ...extra }, as });

    it('forceClose closes an open room as a plain close does, and answers success on a closed one', async () => {
      await availableAgent(t, `fc-agent-${dialect}`);
      await newVisitor(t, 'fc-v1');
      const { room } = await openRoom(t, 'fc-v1');
      expect((await close(room._id, { forceClose: true, comment: 'done' })).body).toEqual({ success: true });
      const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: t.admin });
      expect(info.body.room).toMatchObject({ open: false });

      const again = await close(room._id, {});
      expect([again.status, again.body.errorType]).toEqual([400, 'error-room-already-closed']);
      expect((await close(room._id, { forceClose: true })).body).toEqual({ success: true });
      // closing again records nothing twice: one close event for the CRM
      const closes = (await roomEvents(t, room._id)).filter((e) => e.type === 'LivechatSession');
      expect(closes).toHaveLength(1);
    });

    it('still needs the right to close the room; an unknown room is error-invalid-room', async () => {
      await newVisitor(t, 'fc-v2');
      const { room } = await openRoom(t, 'fc-v2');
      await close(room._id, {});
      const other = await createStaff(t, 'fc-other', ['livechat-agent']);
      const r = await close(room._id, { forceClose: true }, other);
      expect([r.status, r.body.success]).toEqual([400, false]);
      const unknown = await close('NoSuchRoom', { forceClose: true });
      expect([unknown.status, unknown.body.errorType]).toEqual([400, 'error-invalid-room']);
      const bad = await close(room._id, { forceClose: 'yes' });
      expect([bad.status, bad.body.errorType]).toEqual([400, 'invalid-params']);
    });
  });
}
