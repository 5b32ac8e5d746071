/**
 * The same flows on every dialect: migrations, the guest counter, routing, events and their
 * outbox rows written in one transaction. Runs on SQLite always and on PostgreSQL when it answers
 * (required in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { availableAgent, newVisitor, openRoom, roomEvents } from '../helpers/livechat.ts';
import { inTx } from '../../src/services/tx.ts';
import { recordRoomEvent } from '../../src/services/events.ts';

for (const dialect of await dialects()) {
  describe(`store on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ dialect, env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    });
    afterAll(async () => t.close());

    it('gives out distinct guest usernames under concurrency', async () => {
      const visitors = await Promise.all(Array.from({ length: 20 }, (_, i) => newVisitor(t, `c-${i}`)));
      expect(new Set(visitors.map((v) => v.username)).size).toBe(20);
    });

    it('routes, messages and closes with every event in order', async () => {
      const agent = await availableAgent(t, `agent-${dialect}`);
      await newVisitor(t, 'flow');
      const { room } = await openRoom(t, 'flow');
      expect(room.servedBy?._id).toBe(agent.userId);
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/message',
        payload: { token: 'flow', rid: room._id, msg: 'hi' },
      });
      await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: agent,
        payload: { message: { rid: room._id, msg: 'hello' } },
      });
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: agent,
        payload: { rid: room._id, comment: 'bye' },
      });
      expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual([
        'LivechatSessionStart',
        'LivechatSessionTaken',
        'Message',
        'Message',
        'LivechatSession',
      ]);
      const list = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms?open=false', as: t.admin });
      expect((list.body.rooms as { _id: string }[]).map((r) => r._id)).toContain(room._id);
    });

    it('an event and its deliveries roll back with the failed transaction', async () => {
      await t.services.settings.setMany([
        ['Livechat_webhookUrl', 'http://127.0.0.1:9/hook'],
        ['Livechat_webhook_on_visitor_message', true],
      ]);
      await newVisitor(t, 'rollback');
      const { room } = await openRoom(t, 'rollback');
      const before = await t.services.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      await expect(
        inTx(t.services.store, async (tx) => {
          await recordRoomEvent(
            tx,
            { waker: t.services.waker, now: Date.now },
            { type: 'LivechatSessionStart', rid: room._id, messages: 'all' },
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const after = await t.services.db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      // and a committed one writes both
      const ok = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/message',
        payload: { token: 'rollback', rid: room._id, msg: 'kept' },
      });
      expect(ok.status).toBe(200);
      const rows = await t.services.db
        .selectFrom('deliveries')
        .select(['event_type', 'endpoint_id', 'order_key'])
        .where('rid', '=', room._id)
        .execute();
      expect(rows).toEqual([{ event_type: 'Message', endpoint_id: 'rocketchat', order_key: room._id }]);
    });
  });
}
