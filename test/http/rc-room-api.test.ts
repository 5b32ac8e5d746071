/**
 * Conformance with Rocket.Chat's room close and forward (issue 14), written from
 * apps/meteor/app/livechat/server/api/v1/room.ts, app/lib/server/functions/closeLivechatRoom.ts
 * and app/livechat/server/lib/closeRoom.ts: success shapes and each rejection, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat room close and forward (${dialect})`, () => {
    let t: TestApp;
    let agent: Session & { username: string };
    beforeAll(async () => {
      t = await makeApp({ dialect });
      agent = await availableAgent(t, 'rc-room-agent');
    });
    afterAll(async () => t.close());

    const closeByUser = (payload: Record<string, unknown>, as: Session = agent) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as, payload });
    const forward = (payload: Record<string, unknown>, as: Session = t.admin) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/room.forward', as, payload });
    const rejects = (r: { status: number; body: Record<string, unknown> }, code: string) => {
      expect([r.status, r.body.success, r.body.errorType]).toEqual([400, false, code]);
      expect(r.body.error).toContain(`[${code}]`);
    };
    const served = async (token: string) => {
      await newVisitor(t, token);
      const { room } = await openRoom(t, token);
      expect(room.servedBy?.username).toBe('rc-room-agent');
      return room._id;
    };

    it('room.closeByUser: error-invalid-room, then { success }, then error-room-already-closed', async () => {
      rejects(await closeByUser({ rid: 'NoSuchRoom123' }), 'error-invalid-room');
      const rid = await served('cbu-a');
      const ok = await closeByUser({ rid, comment: 'done' });
      expect([ok.status, ok.body]).toEqual([200, { success: true }]);
      rejects(await closeByUser({ rid, comment: 'again' }), 'error-room-already-closed');
    });

    it('room.closeByUser: Livechat_request_comment_when_closing_conversation requires a comment', async () => {
      const rid = await served('cbu-comment');
      await setSetting(t, 'Livechat_request_comment_when_closing_conversation', true);
      try {
        rejects(await closeByUser({ rid }), 'error-comment-is-required');
        rejects(await closeByUser({ rid, comment: '   ' }), 'error-comment-is-required');
        // the visitor's own close carries Rocket.Chat's "Closed by visitor" comment, so it passes
        const v = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/room.close',
          payload: { rid, token: 'cbu-comment' },
        });
        expect(v.status).toBe(200);
      } finally {
        await setSetting(t, 'Livechat_request_comment_when_closing_conversation', false);
      }
      const rid2 = await served('cbu-comment-2');
      expect((await closeByUser({ rid: rid2 })).status).toBe(200); // off (our default): no comment needed
    });

    it('two closes of one room at once: exactly one wins, the other is refused', async () => {
      const rid = await served('cbu-race');
      const results = await Promise.all([closeByUser({ rid, comment: 'a' }), closeByUser({ rid, comment: 'b' })]);
      const codes = results.map((r) => (r.status === 200 ? 'ok' : r.body.errorType)).sort();
      expect(codes[1]).toBe('ok');
      expect(['error-room-already-closed', 'error-room-cannot-be-closed-try-again']).toContain(codes[0]);
      const closing = await t.services.db
        .selectFrom('messages')
        .select('_id')
        .where('rid', '=', rid)
        .where('t', '=', 'livechat-close')
        .execute();
      expect(closing).toHaveLength(1);
    });

    it('room.forward: error-invalid-room, This_conversation_is_already_closed, and a transfer record', async () => {
      rejects(await forward({ roomId: 'NoSuchRoom123', userId: agent.userId }), 'error-invalid-room');
      const other = await createStaff(t, 'rc-room-agent2', ['livechat-agent']);
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/agent.status',
        as: other,
        payload: { status: 'available' },
      });
      const rid = await served('fwd-a');
      const ok = await forward({ roomId: rid, userId: other.userId, comment: 'over to you' });
      expect([ok.status, ok.body]).toEqual([200, { success: true }]);
      const history = await call(t, {
        method: 'GET',
        url: `/api/v1/livechat/messages.history/${rid}`,
        as: t.admin,
      });
      const record = (history.body.messages as Record<string, unknown>[]).find(
        (m) => m.t === 'livechat_transfer_history',
      );
      expect(record).toMatchObject({
        transferData: {
          transferredBy: { username: 'admin' },
          transferredTo: { username: 'rc-room-agent2' },
          comment: 'over to you',
          scope: 'agent',
        },
      });
      await closeByUser({ rid, comment: 'bye' }, t.admin);
      rejects(await forward({ roomId: rid, userId: agent.userId }), 'This_conversation_is_already_closed');
    });
  });
}
